import Foundation
import SETestSupport
import Testing

/// Outputs that name a device or a pipe are written into it, not replaced by a rename
/// (regression: as root, `-o /dev/null` renamed a regular file over the device node). The tests
/// reach `/dev/null` only through a symlink, so a regression replaces the link, not the device.
@Suite struct OutputDeviceTests {
    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let arpk = Fixture.path("derived/e2e/arpk.bin")

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-devices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func verify(_ extra: [String], in dir: URL) throws -> SEAttestBinary.Result {
        try SEAttestBinary.run(["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", Self.header, "-a", Self.arpk] + extra,
                               in: dir)
    }

    @Test("-o and -u through a symlink to /dev/null: exit 0, the link and the device stay what they are")
    func devNull() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("null").path, withDestinationPath: "/dev/null")
        let run = try verify(["-o", "null", "-u", "null"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let link = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("null").path)
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType == .typeCharacterSpecial)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["null"])
    }

    @Test("-o into a named pipe: the reader gets the result, the pipe stays a pipe")
    func namedPipe() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let run = try verify(["-o", "fifo"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        var received = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &received, received.count)
        let expected = try verify(["-o", "-"], in: dir).stdoutBytes
        #expect(count > 0 && Array(received.prefix(count)) == expected)
        #expect(try FileManager.default.attributesOfItem(atPath: fifo)[.type] as? FileAttributeType != .typeRegular)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["fifo"])
    }

    @Test("the ARPK is refused for a device: exit 1, no request written either")
    func arpkToDevice() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("null").path, withDestinationPath: "/dev/null")
        let run = try SEAttestBinary.run(
            ["create", "--no-verify", "-k", Fixture.path("pv/cert/host.crt"), "-o", "req.bin", "-a", "null"], in: dir)
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix(
            "error: 'null': the request protection key (ARPK) is a secret and is written only to a regular file, not to a device or pipe\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["null"])
        #expect(try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("null").path)[.type] as? FileAttributeType
                == .typeSymbolicLink)
    }

    /// A shell that opened a file for appending hands it over as standard output; `/dev/stdout`
    /// (or `/dev/fd/1`) must write into that open file, not reopen it at offset 0 or replace it.
    @Test("-o /dev/stdout and -o /dev/fd/1 append to a file the shell opened with >>; the ARPK is refused there",
          arguments: ["/dev/stdout", "/dev/fd/1"])
    func openDescriptor(path: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("log")
        try Data("earlier lines\n".utf8).write(to: log)
        let verify = ["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", Self.header, "-a", Self.arpk]
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "exec \"$0\" \"$@\" -o \(path) >> log", SEAttestBinary.url.path] + verify
        shell.currentDirectoryURL = dir
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let alone = try SEAttestBinary.run(verify + ["-o", "-"])
        let text = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(text == "earlier lines\n" + alone.stdout)
        #expect(alone.stdout.hasPrefix("cuid: '0x"))
        let refused = try SEAttestBinary.run(
            ["create", "--no-verify", "-k", Fixture.path("pv/cert/host.crt"), "-o", "req.bin", "-a", path], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasSuffix("is a secret and is written only to a regular file, not to a device or pipe\n"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("req.bin").path))
    }
}
