import Foundation
import SETestSupport
import Testing

/// `-` as stdin for inputs and stdout for outputs (docs/cli-conventions.md §1.6): inputs from a pipe
/// (no seeking, short reads), results on stdout, and diagnostics never there.
@Suite struct StandardStreamTests {
    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let arpk = Fixture.path("derived/e2e/arpk.bin")
    static let golden = Fixture.vectors.deletingLastPathComponent().appendingPathComponent("golden")

    /// Runs the binary with stdin a pipe that is fed in pieces of 1000 bytes with pauses, so a
    /// reader that seeks, stats the size or stops after one read fails.
    static func runPiped(_ arguments: [String], stdin: [UInt8]) throws -> PipedRun {
        signal(SIGPIPE, SIG_IGN)  // the binary may exit before it has read everything
        let process = Process()
        process.executableURL = SEAttestBinary.url
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let feeder = Thread {
            var offset = 0
            while offset < stdin.count {
                let end = min(offset + 1000, stdin.count)
                guard (try? input.fileHandleForWriting.write(contentsOf: stdin[offset..<end])) != nil else { break }
                offset = end
                Thread.sleep(forTimeInterval: 0.001)
            }
            try? input.fileHandleForWriting.close()
        }
        feeder.start()
        let stderrBox = ErrorsBox()
        let drainer = Thread { stderrBox.bytes = [UInt8](errors.fileHandleForReading.readDataToEndOfFile()) }
        drainer.start()
        let stdout = [UInt8](output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        while !stderrBox.done { Thread.sleep(forTimeInterval: 0.001) }
        return PipedRun(status: process.terminationStatus, stdoutBytes: stdout, stderrBytes: stderrBox.bytes)
    }

    @Test("verify -i - reads the response from a pipe and -o - writes the result to stdout, the same as -o FILE")
    func verifyPipeToStdout() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-streams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let toFile = try SEAttestBinary.run([
            "verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", Self.header, "-a", Self.arpk, "-o", "out.yaml",
        ], in: dir)
        #expect(toFile.status == 0)
        #expect(toFile.stdoutBytes.isEmpty)
        let expected = [UInt8](try Data(contentsOf: dir.appendingPathComponent("out.yaml")))

        let piped = try Self.runPiped(
            ["verify", "-i", "-", "--hdr", Self.header, "-a", Self.arpk, "-o", "-"],
            stdin: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        #expect(piped.status == 0)
        #expect(piped.stdoutBytes == expected)
        #expect(piped.stderr.hasPrefix("Attestation measurement verified\n"))
    }

    @Test("verify --hdr - reads a whole SE image (larger than a pipe's buffer) from a pipe")
    func headerImageFromPipe() throws {
        let run = try Self.runPiped(
            ["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", "-", "-a", Self.arpk, "-o", "-", "--format", "json"],
            stdin: Fixture.bytes("derived/images/se_img_meta_0x14000.bin"))
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("{\n"))
        #expect(run.stdout.contains("\"cuid\": \"0x000102030405060708090a0b0c0d0e0f\""))
    }

    @Test("--hdr naming a pipe (a FIFO, as `<(cmd)` gives) reads the whole image from it (regression: it seeked and failed)")
    func headerFromNamedPipe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-streams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("image").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let image = Fixture.bytes("derived/images/se_img_meta_0x14000.bin")
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            image.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(fd)
        }
        writer.start()
        let run = try Self.runPiped(
            ["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", fifo, "-a", Self.arpk, "-o", "-"], stdin: [])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("cuid: '0x000102030405060708090a0b0c0d0e0f'\n"))
    }

    @Test("diagnostics never go to stdout, even with -o - and on failure", arguments: [
        ("derived/e2e/resp_phkh_badmeas.bin", Int32(2), "Attestation measurement verification failed."),
        ("derived/e2e/req_phkh.bin", Int32(1), "error: standard input: the input is not an exchange-format response"),
        ("derived/e2e/resp_nonce_only.bin", Int32(0), "warning: a location for the user data was given"),
    ])
    func diagnosticsOnStderr(response: String, status: Int32, message: String) throws {
        let run = try SEAttestBinary.run(
            ["verify", "-vv", "-i", "-", "--hdr", Self.header, "-a", Self.arpk, "-o", "-", "-u", "/dev/null"],
            stdin: Fixture.bytes(response))
        #expect(run.status == status)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        if status == 0 {
            #expect(run.stdout.hasPrefix("cuid: '0x"))
            #expect(!run.stdout.contains("warning") && !run.stdout.contains("verified"))
        } else {
            #expect(run.stdoutBytes.isEmpty)
        }
    }

    @Test("perform -i - -o - answers a request from a pipe on stdout, and verify reads that answer from a pipe")
    func performThenVerifyThroughPipes() throws {
        let performed = try Self.runPiped(
            ["perform", "--simulate", "--host-key-private", Fixture.path("pv/cert/host.key"), "--hdr", Fixture.simulatorHeader,
             "-u", Self.golden.appendingPathComponent("simulate_user_data.bin").path, "-", "-"],
            stdin: [UInt8](try Data(contentsOf: Self.golden.appendingPathComponent("simulate_request.bin"))))
        #expect(performed.status == 0)
        #expect(performed.stderr == "")
        #expect(performed.stdoutBytes == [UInt8](try Data(contentsOf: Self.golden.appendingPathComponent("simulate_response.bin"))))

        let verified = try Self.runPiped(["verify", "-i", "-", "--hdr", Self.header, "-a", Self.arpk], stdin: performed.stdoutBytes)
        #expect(verified.status == 0)
        #expect(verified.stdoutBytes.isEmpty)
        #expect(verified.stderr.hasPrefix("Attestation measurement verified\n"))
    }

    @Test("check - - reads the response from a pipe and writes its result to stdout; extract-hdr - -o - passes the header through")
    func checkAndExtractThroughPipes() throws {
        let checked = try Self.runPiped(["check", "-", "-", "-k", Fixture.path("pv/keys/host.pem.crt"), "--host-key-check", "att-key-hash"],
                                        stdin: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("successful: true\n"))
        #expect(!checked.stdout.contains("✓") && checked.stderr.contains("✓"))

        let extracted = try Self.runPiped(["extract-hdr", "-", "-o", "-"], stdin: Fixture.bytes("derived/images/se_img_meta_0x14000.bin"))
        #expect(extracted.status == 0, "\(extracted.stderr)")
        #expect(extracted.stdoutBytes == Fixture.bytes("pv/exp/secure_guest.hdr"))
    }

    @Test("create -o - writes the request to stdout and the ARPK to its file only")
    func createToStdout() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-streams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try SEAttestBinary.run(["create", "--no-verify", "-k", Fixture.path("pv/cert/host.crt"), "-o", "-", "-a", "arpk"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdoutBytes.starts(with: Array("pvattest".utf8)))
        #expect(run.stderr.contains("warning: Host-key document verification is disabled"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["arpk"])
    }

    @Test("'-' for two inputs: exit 1 saying stdin was already read (regression: the second input was read as empty)", arguments: [
        ["verify", "-i", "-", "--hdr", "-", "-a", Fixture.path("derived/e2e/arpk.bin")],
        ["perform", "--simulate", "--host-key-private", "-", "--hdr", "-", "-", "out.bin"],
    ])
    func standardInputOnce(arguments: [String]) throws {
        let run = try SEAttestBinary.run(arguments, stdin: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        #expect(run.status == 1)
        #expect(run.stdoutBytes.isEmpty)
        #expect(run.stderr.hasPrefix("error: standard input: cannot read the "))
        #expect(run.stderr.hasSuffix(": standard input was already read for another input ('-' can stand for one input only)\n"))
    }

    @Test("the ARPK is never a stream", arguments: [
        ["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", header, "-a", "-"],
        ["create", "--no-verify", "-k", Fixture.path("pv/cert/host.crt"), "-o", "req.bin", "-a", "-"],
    ])
    func arpkIsNoStream(arguments: [String]) throws {
        let run = try SEAttestBinary.run(arguments, stdin: Fixture.rep(0x17, 32))
        #expect(run.status == 1)
        #expect(run.stdoutBytes.isEmpty)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.contains("secret"))
    }
}

/// A run with piped standard streams (a signal shows as a status of its own, not 0...2).
struct PipedRun {
    let status: Int32
    let stdoutBytes: [UInt8]
    let stderrBytes: [UInt8]
    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
}

/// What the stderr drain thread read, handed back to the test thread.
private final class ErrorsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [UInt8] = []
    private var finished = false

    var bytes: [UInt8] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue; finished = true } }
    }

    var done: Bool { lock.withLock { finished } }
}
