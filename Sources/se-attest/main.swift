#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// No Foundation in this executable: it would add milliseconds of start-up to every command.
exit(CommandLineInterface.main(Array(CommandLine.arguments.dropFirst()), run: runCommand))
