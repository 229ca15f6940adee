import Foundation
import SETestSupport
import Testing

/// verify's outputs (`-o`, `-u`) are all or nothing: after any failure none is written and an
/// existing file keeps its content (CLI.md "Conventions").
@Suite struct VerifyOutputFilesTests {
    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let arpk = Fixture.path("derived/e2e/arpk.bin")

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-verify-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func verify(_ response: String, _ extra: [String], in dir: URL) throws -> SEAttestBinary.Result {
        try SEAttestBinary.run(["verify", "-i", Fixture.path(response), "--hdr", Self.header, "-a", Self.arpk] + extra, in: dir)
    }

    @Test("a -u that cannot be written leaves no -o file (regression: the result was written first)")
    func userDataFailureLeavesNoResult() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try verify("derived/e2e/resp_phkh.bin", ["-o", "out.yaml", "-u", "missing/user.bin"], in: dir)
        #expect(run.status == 1)
        #expect(run.stderr == "error: 'missing/user.bin': cannot create the user data: No such file or directory\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("a failed verify keeps an existing -o file's content", arguments: [
        ("derived/e2e/resp_phkh_badmeas.bin", Int32(2)), ("derived/e2e/arcb_nonce_only.bin", Int32(1)),
    ])
    func failureKeepsExistingFile(response: String, status: Int32) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let existing = dir.appendingPathComponent("out.yaml")
        try Data("keep me\n".utf8).write(to: existing)
        try Data("user\n".utf8).write(to: dir.appendingPathComponent("user.bin"))
        let run = try verify(response, ["-o", "out.yaml", "-u", "user.bin"], in: dir)
        #expect(run.status == status)
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("user.bin"), encoding: .utf8) == "user\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.yaml", "user.bin"])
    }

    @Test("a successful verify replaces both files")
    func successReplacesFiles() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("old\n".utf8).write(to: dir.appendingPathComponent("out.yaml"))
        let run = try verify("derived/e2e/resp_phkh.bin", ["-o", "out.yaml", "-u", "user.bin"], in: dir)
        #expect(run.status == 0)
        #expect(try String(contentsOf: dir.appendingPathComponent("out.yaml"), encoding: .utf8).hasPrefix("cuid: '0x"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("user.bin")) == Data((0x30...0x54).map { UInt8($0) }))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.yaml", "user.bin"])
    }
}
