import Testing
@testable import SEAttestCLI

/// Runs the front door in-process and records what it printed.
private func runFrontDoor(_ arguments: [String], status: Int32 = 0) -> (status: Int32, out: String, err: String, ran: [Invocation]) {
    var out = "", err = "", ran: [Invocation] = []
    let result = CommandLineInterface.main(arguments, run: { ran.append($0); return status },
                                           standardOutput: { out += $0 }, standardError: { err += $0 })
    return (result, out, err, ran)
}

@Suite("CLI: the front door between parser and commands")
struct CLIInterfaceTests {
    @Test("a valid command line reaches the command once, and its status is the exit status",
          arguments: [Int32(0), 1, 2])
    func runsTheCommand(status: Int32) throws {
        let result = runFrontDoor(["verify", "-i", "r", "--hdr", "h", "-a", "k"], status: status)
        #expect(result.status == status)
        #expect(result.ran.count == 1)
        #expect(result.ran.first?.command == .verify)
        #expect(result.out.isEmpty && result.err.isEmpty)
    }

    @Test("help, version and usage errors never reach a command")
    func answeredByTheFrontDoor() {
        for arguments in [["verify", "--help"], ["--version"], ["verify"], [], ["frob"]] {
            #expect(runFrontDoor(arguments).ran.isEmpty, "\(arguments)")
        }
        #expect(runFrontDoor(["verify"]).status == 1)
        #expect(runFrontDoor([]).status == 1)
        #expect(runFrontDoor(["verify", "--help"]).status == 0)
    }

    @Test("warnings about the command line go to stderr before the command runs")
    func deprecatedSpellingWarns() {
        let result = runFrontDoor(["inspect", "f", "-V"])
        #expect(result.err == "warning: use of deprecated flag '-V'; use '-v/--verbose' instead\n")
        #expect(result.ran.first?.verbosity == 1)
    }
}
