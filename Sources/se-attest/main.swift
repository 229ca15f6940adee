#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SEAttestCLI

// No Foundation in this executable: it would add milliseconds of start-up to every command.
// A closed pipe must give an error and exit 1 (removing partial outputs), not kill the process.
signal(SIGPIPE, SIG_IGN)
exit(CommandLineInterface.main(Array(CommandLine.arguments.dropFirst())))
