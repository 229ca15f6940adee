import Foundation
import SETestSupport
import Testing

/// Outputs of one command appear together or not at all, with the modes users expect.
@Suite struct OutputAtomicityTests {
    static let hostKey = Fixture.path("pv/cert/host.crt")

    @Test("an ARPK path that cannot be written leaves no request file behind")
    func failingSecondOutputTakesTheFirstBack() throws {
        try Scratch.with { scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("adir"), withIntermediateDirectories: false)
            let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "req.bin", "-a", "adir"])
            expectError(run, naming: "adir", "directory")
            #expect(try scratch.listing() == ["adir"])
        }
    }

    @Test("an existing request file keeps its content when the ARPK cannot be written")
    func existingFileKeepsItsContent() throws {
        try Scratch.with { scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("adir"), withIntermediateDirectories: false)
            try scratch.write(Array("old request\n".utf8), to: "req.bin")
            let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "req.bin", "-a", "adir"])
            #expect(run.status == 1)
            #expect(scratch.text("req.bin") == "old request\n")
            #expect(try scratch.listing() == ["adir", "req.bin"])
        }
    }

    @Test("replacing existing outputs leaves no kept copies behind")
    func replacingLeavesNoBackups() throws {
        try Scratch.with { scratch in
            try scratch.write(Array("old".utf8), to: "req.bin")
            try scratch.write(Array("old".utf8), to: "arpk.bin")
            let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "req.bin", "-a", "arpk.bin"])
            #expect(run.status == 0)
            #expect(try scratch.listing() == ["arpk.bin", "req.bin"])
            #expect(scratch.bytes("arpk.bin")?.count == 32)
        }
    }

    /// Runs `script` in bash with `$0` = the binary and `$1` = the test host-key document.
    private func bash(_ script: String, in scratch: Scratch) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, SEAttestBinary.url.path, Self.hostKey]
        process.currentDirectoryURL = scratch.url
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process
    }

    @Test("ordinary outputs follow the umask; the ARPK is always 0600")
    func umaskIsHonoured() throws {
        try Scratch.with { scratch in
            let process = try bash("umask 077; exec \"$0\" create --no-verify -k \"$1\" -o req.bin -a arpk.bin", in: scratch)
            #expect(process.terminationStatus == 0)
            #expect(try scratch.mode("req.bin") == 0o600)
            #expect(try scratch.mode("arpk.bin") == 0o600)
        }
    }

    @Test("a pipe closed by its reader gives exit 1 (no SIGPIPE) and removes the ARPK staged with it")
    func closedPipe() throws {
        try Scratch.with { scratch in
            let process = try bash(
                "set -o pipefail; \"$0\" create --no-verify -k \"$1\" -o - -a arpk.bin | (exec 0<&-; sleep 0.5)", in: scratch)
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 1)
            #expect(try scratch.listing().isEmpty)
        }
    }
}
