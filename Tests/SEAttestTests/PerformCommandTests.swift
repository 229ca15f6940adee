import Foundation
import SETestSupport
import Testing

/// `perform` through the built binary: the software Ultravisor, the real-device hint off s390x,
/// and what happens to outputs when it fails.
@Suite struct PerformCommandTests {
    static let golden = Fixture.vectors.deletingLastPathComponent().appendingPathComponent("golden")
    static let header = Fixture.simulatorHeader
    static let hostKey = Fixture.path("pv/cert/host.key")

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-perform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("--simulate writes the golden response byte for byte, and verify accepts it")
    func goldenResponse() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try SEAttestBinary.run([
            "perform", "--simulate", "--host-key-private", Self.hostKey, "--hdr", Self.header,
            "-u", Self.golden.appendingPathComponent("simulate_user_data.bin").path,
            Self.golden.appendingPathComponent("simulate_request.bin").path, "response.bin",
        ], in: dir)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let written = try Data(contentsOf: dir.appendingPathComponent("response.bin"))
        #expect(written == (try Data(contentsOf: Self.golden.appendingPathComponent("simulate_response.bin"))))

        let verify = try SEAttestBinary.run([
            "verify", "-i", "response.bin", "--hdr", Self.header, "-a", Fixture.path("derived/e2e/arpk.bin"),
        ], in: dir)
        #expect(verify.status == 0)
        #expect(verify.stderr.hasPrefix("Attestation measurement verified\n"))
    }

    @Test("the -i/-o spelling and an SE image as --hdr give the same response")
    func optionSpellingAndImage() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A zero image with the header at a page boundary, found by the page scan.
        var image = [UInt8](repeating: 0, count: 0x12000) + Fixture.bytes("../golden/simulate_guest.hdr")
        image += [UInt8](repeating: 0, count: 0x1000 - image.count % 0x1000)
        try Data(image).write(to: dir.appendingPathComponent("image.bin"))
        let run = try SEAttestBinary.run([
            "perform", "--simulate", "--host-key-private", Self.hostKey, "--hdr", "image.bin",
            "-u", Self.golden.appendingPathComponent("simulate_user_data.bin").path,
            "-i", Self.golden.appendingPathComponent("simulate_request.bin").path, "-o", "response.bin",
        ], in: dir)
        #expect(run.status == 0)
        let written = try Data(contentsOf: dir.appendingPathComponent("response.bin"))
        #expect(written == (try Data(contentsOf: Self.golden.appendingPathComponent("simulate_response.bin"))))
    }

    @Test("a host key without a key slot fails like the firmware, with no output")
    func noKeySlot() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try SEAttestBinary.run([
            "perform", "--simulate", "--host-key-private", Fixture.path("pv/cert/host2.key"), "--hdr", Self.header,
            Self.golden.appendingPathComponent("simulate_request.bin").path, "response.bin",
        ], in: dir)
        #expect(run.status == 1)
        let request = Self.golden.appendingPathComponent("simulate_request.bin").path
        #expect(run.stderr.hasPrefix("error: '\(request)': Ultravisor: '"))
        #expect(run.stderr.hasSuffix("' (0x010c,0x0000)\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("an SE header without a key slot for the simulating host key is refused, naming both hashes, with no output")
    func headerWithoutKeySlot() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = Fixture.path("pv/exp/secure_guest.hdr")
        let run = try SEAttestBinary.run([
            "perform", "--simulate", "--host-key-private", Self.hostKey, "--hdr", header,
            Self.golden.appendingPathComponent("simulate_request.bin").path, "response.bin",
        ], in: dir)
        #expect(run.status == 1)
        #expect(run.stderr == """
            error: '\(header)': the SE header has no key slot for the simulating host key \
            (hash 0x24933f75ee107c806fe602a7da7b610e54369af96a847f2dcc4fcfdbd81fbc05); its key slots are for \
            0x782966a6298f6f5968780c3134ca4c55958d2dbca5292f59e9f5d2670befaf2f: a machine with this host key \
            could not boot the image

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("257 bytes of user data are refused before the Ultravisor is asked, with no output")
    func oversizedUserData() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(repeating: 0x41, count: 257).write(to: dir.appendingPathComponent("user.bin"))
        let run = try SEAttestBinary.run([
            "perform", "--simulate", "--host-key-private", Self.hostKey, "--hdr", Self.header, "-u", "user.bin",
            Self.golden.appendingPathComponent("simulate_request.bin").path, "response.bin",
        ], in: dir)
        #expect(run.status == 1)
        #expect(run.stderr == "error: 'user.bin': the user data is too large (more than 256 bytes)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["user.bin"])
    }

    @Test("without --simulate off s390x: exit 1 naming /dev/uv, Secure Execution and --simulate")
    func realDeviceOffS390x() throws {
        #if !arch(s390x)
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try SEAttestBinary.run([
            "perform", Self.golden.appendingPathComponent("simulate_request.bin").path, "response.bin",
        ], in: dir)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
        for needle in ["/dev/uv", "IBM Secure Execution", "--simulate"] {
            #expect(run.stderr.contains(needle), "missing \(needle)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #endif
    }

    @Test("a file that is not an exchange request is named in the error")
    func badRequest() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try SEAttestBinary.run([
            "perform", "--simulate", "--host-key-private", Self.hostKey, "--hdr", Self.header,
            Self.header, "response.bin",
        ], in: dir)
        #expect(run.status == 1)
        #expect(run.stderr == "error: '\(Self.header)': the input is not an exchange-format request: it does not start with the magic value 'pvattest'\n")
    }
}
