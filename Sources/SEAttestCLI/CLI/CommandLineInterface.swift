#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The program's front door: parse, then answer help, version and usage errors here, or hand a
/// valid `Invocation` to the commands. The executable is this call and nothing else, so the
/// tests and the fuzz harnesses reach everything it does.
public enum CommandLineInterface {
    /// Runs se-attest with `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        main(arguments, run: runCommand)
    }

    /// Parses `arguments` and answers help, version and usage errors, but runs no command: what
    /// the command-line fuzz harness exercises, with the texts handed to the two closures.
    public static func parse(_ arguments: [String], standardOutput: (String) -> Void,
                             standardError: (String) -> Void) -> Int32 {
        main(arguments, run: { _ in 0 }, standardOutput: standardOutput, standardError: standardError)
    }

    static func main(_ arguments: [String], run: (Invocation) -> Int32) -> Int32 {
        main(arguments, run: run,
             standardOutput: { FileDescriptorWriter.writeAll(Array($0.utf8), to: STDOUT_FILENO) },
             standardError: { FileDescriptorWriter.writeAll(Array($0.utf8), to: STDERR_FILENO) })
    }

    static func main(_ arguments: [String], run: (Invocation) -> Int32,
                     standardOutput: (String) -> Void, standardError: (String) -> Void) -> Int32 {
        guard !arguments.isEmpty else {
            standardError(HelpText.text(for: nil))
            return 1
        }
        do {
            switch try CommandLineParser.parse(arguments) {
            case .help(let subcommand):
                standardOutput(HelpText.text(for: subcommand))
                return 0
            case .version:
                standardOutput(SEAttestVersion.text)
                return 0
            case .run(let invocation):
                for warning in invocation.warnings { standardError("warning: \(warning)\n") }
                return run(invocation)
            }
        } catch {
            standardError(HelpText.report(error))
            return 1
        }
    }
}
