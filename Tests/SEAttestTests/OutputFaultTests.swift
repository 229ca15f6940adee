import Foundation
import SECore
import SETestSupport
import Testing

/// Faults while writing: a full disk, a file-size limit, a read-only folder and `kill -9` leave
/// no partial file at an output path, and an old file whole.
@Suite(.serialized) struct OutputFaultTests {
    static let hostKey = Fixture.path("pv/cert/host.crt")
    static let oldRequest = Array("old request\n".utf8)
    static let oldKey = Fixture.rep(0x42, 32)

    /// A small tmpfs mounted over `path` for the body (nil when this process may not mount one,
    /// e.g. without root), unmounted afterwards.
    private static func withTmpfs<T>(at path: String, size: String, _ body: () throws -> T) throws -> T? {
        guard try shell(["mount", "-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path]) == 0 else { return nil }
        defer { _ = try? shell(["umount", path]) }
        return try body()
    }

    @discardableResult
    private static func shell(_ arguments: [String], in directory: URL? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Writes the old request and ARPK into `folder` (inside `scratch`).
    private static func writeOldFiles(in folder: String, of scratch: Scratch) throws {
        try scratch.write(oldRequest, to: folder + "req.bin", mode: 0o644)
        try scratch.write(oldKey, to: folder + "arpk.bin", mode: 0o600)
    }

    /// The old files are whole and nothing else is in `folder`.
    private static func expectOldFiles(in folder: String, of scratch: Scratch, besides others: [String] = [],
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(scratch.bytes(folder + "req.bin") == oldRequest, sourceLocation: sourceLocation)
        #expect(scratch.bytes(folder + "arpk.bin") == oldKey, sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path(folder)).sorted()
                == (["arpk.bin", "req.bin"] + others).sorted(), sourceLocation: sourceLocation)
    }

    @Test("a full disk (a 64 KiB tmpfs, filled up) leaves the old request and ARPK whole and nothing else")
    func fullDisk() throws {
        try Scratch.with { scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("disk"), withIntermediateDirectories: false)
            let mounted: Void? = try Self.withTmpfs(at: scratch.path("disk"), size: "64k") {
                try Self.writeOldFiles(in: "disk/", of: scratch)
                // Fill what is left: dd stops at ENOSPC.
                try Self.shell(["dd", "if=/dev/zero", "of=\(scratch.path("disk/filler"))", "bs=4096"])
                let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "disk/req.bin", "-a", "disk/arpk.bin"])
                expectError(run, naming: "disk/req.bin", "cannot write the attestation request: No space left on device")
                try Self.expectOldFiles(in: "disk/", of: scratch, besides: ["filler"])
            }
            if mounted == nil {
                // Without a tmpfs the file-size limit below stands in for the full disk.
                try fileSizeLimit()
            }
        }
    }

    @Test("a file-size limit (ulimit -f 0, SIGXFSZ ignored) leaves the old files whole and nothing else")
    func fileSizeLimit() throws {
        try Scratch.with { scratch in
            try Self.writeOldFiles(in: "", of: scratch)
            let run = try scratch.runProgram([
                "/bin/bash", "-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" create --no-verify -k \"$1\" -o req.bin -a arpk.bin",
                SEAttestBinary.url.path, Self.hostKey,
            ])
            #expect(run.status == 1)
            #expect(run.stderr.hasSuffix("error: 'req.bin': cannot write the attestation request: File too large\n"), "\(run.stderr)")
            try Self.expectOldFiles(in: "", of: scratch)
        }
    }

    @Test("/dev/full as the last output: the outputs already renamed into place are taken back")
    func devFull() throws {
        try Scratch.with { scratch in
            try Self.writeOldFiles(in: "", of: scratch)
            let create = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "/dev/full", "-a", "arpk.bin"])
            expectError(create, naming: "/dev/full", "cannot write the attestation request: No space left on device")
            try scratch.write(Array("old result\n".utf8), to: "result.yaml", mode: 0o600)
            let verify = try scratch.run(["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", Fixture.path("pv/exp/secure_guest.hdr"),
                                          "-a", Fixture.path("derived/e2e/arpk.bin"), "-o", "result.yaml", "-u", "/dev/full"])
            expectError(verify, naming: "/dev/full", "cannot write the user data: No space left on device")
            #expect(scratch.text("result.yaml") == "old result\n")
            try Self.expectOldFiles(in: "", of: scratch, besides: ["result.yaml"])
        }
    }

    @Test("a read-only folder (a read-only tmpfs; without one, mode 0555 and not root) keeps the old files whole")
    func readOnlyFolder() throws {
        try Scratch.with { scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("ro"), withIntermediateDirectories: false)
            let mounted: Void? = try Self.withTmpfs(at: scratch.path("ro"), size: "64k") {
                try Self.writeOldFiles(in: "ro/", of: scratch)
                #expect(try Self.shell(["mount", "-o", "remount,ro", scratch.path("ro")]) == 0)
                let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "ro/req.bin", "-a", "ro/arpk.bin"])
                expectError(run, naming: "ro/req.bin", "its folder 'ro/' cannot take the temporary file it is written to first (Read-only file system)")
                try Self.expectOldFiles(in: "ro/", of: scratch)
            }
            guard mounted == nil, geteuid() != 0 else { return }
            try Self.writeOldFiles(in: "ro/", of: scratch)
            #expect(chmod(scratch.path("ro"), 0o555) == 0)
            defer { chmod(scratch.path("ro"), 0o755) }
            let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "ro/req.bin", "-a", "ro/arpk.bin"])
            expectError(run, naming: "ro/req.bin", "its folder 'ro/' cannot take the temporary file it is written to first (Permission denied)")
            try Self.expectOldFiles(in: "ro/", of: scratch)
        }
    }

    /// 255 host-key documents with distinct P-521 keys (self-signed; `create --no-verify` needs no chain).
    private static func hostKeyDocuments(in folder: URL) throws -> [String] {
        let script = """
            for i in $(seq 1 255); do echo $i; done | xargs -P 4 -I N openssl req -x509 -newkey ec \
              -pkeyopt ec_paramgen_curve:secp521r1 -nodes -keyout /dev/null -subj /CN=host-N -days 2 -out hkd-N.crt
            """
        #expect(try shell(["bash", "-c", script], in: folder) == 0)
        return (1...255).map { folder.appendingPathComponent("hkd-\($0).crt").path }
    }

    /// Whether `bytes` is a whole request for 255 host keys.
    private static func isWholeRequest(_ bytes: [UInt8]) -> Bool {
        guard let exchange = try? ExchangeRequest(parsing: bytes), let request = try? AttestationRequest(parsing: exchange.arcb) else {
            return false
        }
        return request.keySlots.count == 255
    }

    @Test("kill -9 at random moments of a create for 255 host keys (20 kills) never leaves a partial or empty output")
    func killedCreate() throws {
        try Scratch.with { scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("keys"), withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: scratch.path("out"), withIntermediateDirectories: false)
            let documents = try Self.hostKeyDocuments(in: scratch.url.appendingPathComponent("keys"))
            let arguments = ["create", "--no-verify"] + documents.flatMap { ["-k", $0] } + ["-o", "out/req.bin", "-a", "out/arpk.bin"]

            // One whole run gives the span the kills are spread over.
            let start = Date()
            let whole = try scratch.run(arguments)
            let span = Date().timeIntervalSince(start)
            #expect(whole.status == 0, "\(whole.stderr)")
            #expect(Self.isWholeRequest(scratch.bytes("out/req.bin") ?? []))

            // What an interrupted run may leave, as the README and the man page say.
            let readme = String(decoding: try Data(contentsOf: repositoryRoot.appendingPathComponent("README.md")), as: UTF8.self)
            #expect(readme.contains("`.NAME.XXXXXX`") && readme.contains("`.NAME.previous-PID`"))
            let leftover = #/\.(req|arpk)\.bin\.([A-Za-z0-9]{6}|previous-[0-9]+)/#
            for kill in 1...20 {
                try Self.writeOldFiles(in: "out/", of: scratch)
                let process = Process()
                process.executableURL = SEAttestBinary.url
                process.arguments = arguments
                process.currentDirectoryURL = scratch.url
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(useconds_t(Double.random(in: 0...span) * 1_000_000))
                Glibc.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let request = scratch.bytes("out/req.bin") ?? []
                #expect(request == Self.oldRequest || Self.isWholeRequest(request), "kill \(kill): req.bin has \(request.count) bytes")
                let key = scratch.bytes("out/arpk.bin") ?? []
                #expect(key.count == 32, "kill \(kill): arpk.bin has \(key.count) bytes")
                for name in try FileManager.default.contentsOfDirectory(atPath: scratch.path("out")) where !["req.bin", "arpk.bin"].contains(name) {
                    #expect(name.wholeMatch(of: leftover) != nil, "kill \(kill) left \(name)")
                    try FileManager.default.removeItem(atPath: scratch.path("out/" + name))
                }
            }
        }
    }
}
