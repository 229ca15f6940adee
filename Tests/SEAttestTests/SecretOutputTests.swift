import Foundation
import SECore
import SETestSupport
import Testing

/// No secret of the derived vectors (ARPK `rep(17,32)`, measurement key `rep(77,64)`, nonce
/// `rep(ab,16)`) appears in anything se-attest prints or writes besides the ARPK file, at any
/// verbosity and on every path: verified, not verified, wrong key, damaged request.
@Suite struct SecretOutputTests {
    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let golden = Fixture.vectors.deletingLastPathComponent().appendingPathComponent("golden")
    static let secrets: [(name: String, bytes: [UInt8])] = [
        ("ARPK", Fixture.rep(0x17, 32)), ("measurement key", Fixture.rep(0x77, 64)), ("nonce", Fixture.rep(0xAB, 16)),
    ]
    static let verbosities = ["-v", "-vv", "-vvv"]

    /// Any 8 bytes of the secret, raw or in hex of either case.
    static func leaks(of secret: [UInt8], in output: [UInt8]) -> Bool {
        let text = String(decoding: output, as: UTF8.self).lowercased()
        return (0...(secret.count - 8)).contains { start in
            let window = Array(secret[start..<(start + 8)])
            return output.firstRange(of: window) != nil || text.contains(Hex.encode(window))
        }
    }

    static func expectNoSecret(in outputs: [String: [UInt8]], of run: String, secrets: [(name: String, bytes: [UInt8])] = secrets) {
        for (what, bytes) in outputs {
            for secret in secrets {
                #expect(!leaks(of: secret.bytes, in: bytes), "\(run): the \(secret.name) appears in \(what)")
            }
        }
    }

    @Test("the leak check finds a secret in hex of either case and raw, and nothing in unrelated text")
    func leakCheck() {
        let key = Fixture.rep(0x77, 64)
        #expect(Self.leaks(of: key, in: Array("key 0x7777777777777777 end".utf8)))
        #expect(Self.leaks(of: Fixture.rep(0xAB, 16), in: Array("ABABABABABABABAB".utf8)))
        #expect(Self.leaks(of: key, in: [0x00] + Fixture.rep(0x77, 8)))
        #expect(!Self.leaks(of: key, in: Array("cuid: '0x000102030405060708090a0b0c0d0e0f'".utf8)))
    }

    @Test("verify at -v, -vv and -vvv shows no secret, whatever the outcome", arguments: [
        ("derived/e2e/resp_phkh.bin", "derived/e2e/arpk.bin", Int32(0)),
        ("derived/e2e/resp_all_flags.bin", "derived/e2e/arpk.bin", Int32(0)),
        ("derived/e2e/resp_nonce_only.bin", "derived/e2e/arpk.bin", Int32(0)),
        ("derived/e2e/resp_phkh_badmeas.bin", "derived/e2e/arpk.bin", Int32(2)),
        ("derived/e2e/resp_phkh.bin", "derived/e2e/arpk_wrong.bin", Int32(1)),
    ])
    func verify(response: String, arpk: String, status: Int32) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for verbosity in Self.verbosities {
            for format in ["yaml", "json"] {
                let run = try SEAttestBinary.run([
                    "verify", verbosity, "-i", Fixture.path(response), "--hdr", Self.header, "-a", Fixture.path(arpk),
                    "-o", "out", "--format", format, "-u", "user",
                ], in: dir)
                #expect(run.status == status, "\(response) \(verbosity): \(run.stderr)")
                var outputs = ["stdout": run.stdoutBytes, "stderr": run.stderrBytes]
                for name in ["out", "user"] {
                    if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
                        outputs[name] = [UInt8](data)
                    }
                }
                Self.expectNoSecret(in: outputs, of: "verify \(verbosity) \(response)")
            }
        }
    }

    @Test("verify of a request whose ciphertext was damaged shows no secret at -vvv")
    func damagedRequest() throws {
        var bytes = Fixture.bytes("derived/e2e/resp_phkh.bin")
        bytes[0x40 + 0x150] ^= 0x01  // inside the ARCB's encrypted area
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(bytes).write(to: dir.appendingPathComponent("resp.bin"))
        let run = try SEAttestBinary.run([
            "verify", "-vvv", "-i", "resp.bin", "--hdr", Self.header, "-a", Fixture.path("derived/e2e/arpk.bin"),
        ], in: dir)
        #expect(run.status == 1)
        Self.expectNoSecret(in: ["stdout": run.stdoutBytes, "stderr": run.stderrBytes], of: "verify -vvv damaged")
    }

    @Test("perform --simulate, which unwraps the ARPK and opens the request, shows no secret at -vvv")
    func simulate() throws {
        let run = try SEAttestBinary.run([
            "perform", "-vvv", "--simulate", "--host-key-private", Fixture.path("pv/cert/host.key"), "--hdr", Fixture.simulatorHeader,
            Self.golden.appendingPathComponent("simulate_request.bin").path, "-",
        ])
        #expect(run.status == 0)
        Self.expectNoSecret(in: ["stdout (the response)": run.stdoutBytes, "stderr": run.stderrBytes], of: "perform -vvv")
    }

    @Test("check with the ARPK and inspect with the ARPK, which open the request, show no secret at -vvv", arguments: [
        ["check", "-vvv", Fixture.path("derived/e2e/resp_all_flags.bin"), "-", "--hdr", header,
         "-a", Fixture.path("derived/e2e/arpk.bin"), "--format", "json"],
        ["check", "-vvv", Fixture.path("derived/e2e/resp_phkh_badmeas.bin"), "-", "--hdr", header,
         "-a", Fixture.path("derived/e2e/arpk.bin")],
        ["inspect", "-vvv", Fixture.path("derived/e2e/resp_phkh.bin"), "-a", Fixture.path("derived/e2e/arpk.bin")],
        ["inspect", "-vvv", Fixture.path("derived/e2e/req_all_flags.bin"), "-a", Fixture.path("derived/e2e/arpk.bin"),
         "--format", "yaml"],
        ["inspect", "-vvv", Fixture.path("pv/exp/arcb.bin"), "-a", Fixture.path("derived/e2e/arpk.bin"), "--format", "json"],
    ])
    func checkAndInspect(arguments: [String]) throws {
        let run = try SEAttestBinary.run(arguments)
        #expect((0...2).contains(run.status), "\(run.stderr)")
        #expect(!run.stdoutBytes.isEmpty)
        Self.expectNoSecret(in: ["stdout": run.stdoutBytes, "stderr": run.stderrBytes], of: arguments.prefix(3).joined(separator: " "))
    }

    @Test("create at -vvv shows nothing of the ARPK it writes")
    func create() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try SEAttestBinary.run([
            "create", "-vvv", "--no-verify", "-k", Fixture.path("pv/cert/host.crt"), "-o", "-", "-a", "arpk",
        ], in: dir)
        #expect(run.status == 0)
        let arpk = [UInt8](try Data(contentsOf: dir.appendingPathComponent("arpk")))
        #expect(arpk.count == 32)
        Self.expectNoSecret(in: ["stdout (the request)": run.stdoutBytes, "stderr": run.stderrBytes],
                            of: "create -vvv", secrets: [("new ARPK", arpk)])
    }

    @Test("-vvv (trace) says first that it is verbose; -vv does not")
    func traceWarning() throws {
        let arguments = ["verify", "-i", Fixture.path("derived/e2e/resp_nonce_only.bin"), "--hdr", Self.header,
                         "-a", Fixture.path("derived/e2e/arpk.bin")]
        let trace = try SEAttestBinary.run(arguments + ["-vvv"])
        #expect(trace.status == 0)
        #expect(trace.stderr.hasPrefix("warning: trace output (-vvv) is verbose\n"
                                        + "TRACE: OpenSSL initialised without its table of legacy algorithm names\n"
                                        + "DEBUG: read the attestation response "))
        let debug = try SEAttestBinary.run(arguments + ["-vv"])
        #expect(debug.stderr.hasPrefix("DEBUG: read the attestation response "))
    }

    @Test("-vv adds debug lines to -v and -vvv adds to -vv, and no level shows a secret", arguments: [
        ["verify", "-i", Fixture.path("derived/e2e/resp_all_flags.bin"), "--hdr", header, "-a", Fixture.path("derived/e2e/arpk.bin")],
        ["check", Fixture.path("derived/e2e/resp_phkh.bin"), "-", "--hdr", header, "-a", Fixture.path("derived/e2e/arpk.bin"),
         "-k", Fixture.path("pv/keys/host.pem.crt")],
        ["inspect", Fixture.path("derived/e2e/resp_phkh.bin"), "-a", Fixture.path("derived/e2e/arpk.bin")],
        ["perform", "--simulate", "--host-key-private", Fixture.path("pv/cert/host.key"), "--hdr", Fixture.simulatorHeader,
         golden.appendingPathComponent("simulate_request.bin").path, "-"],
    ])
    func levels(arguments: [String]) throws {
        var previous: String?
        for verbosity in Self.verbosities {
            let run = try SEAttestBinary.run(arguments + [verbosity])
            #expect(run.status == 0, "\(verbosity): \(run.stderr)")
            Self.expectNoSecret(in: ["stdout": run.stdoutBytes, "stderr": run.stderrBytes], of: "\(arguments[0]) \(verbosity)")
            if let previous {
                #expect(run.stderr.count > previous.count, "\(arguments[0]) \(verbosity) prints no more than the level below")
            }
            #expect(run.stderr.contains("DEBUG: ") == (verbosity != "-v"), "\(arguments[0]) \(verbosity)")
            previous = run.stderr
        }
    }

    @Test("-vv names each file read with its size, the key-slot hashes and where the SE header is")
    func debugContent() throws {
        let response = Fixture.path("derived/e2e/resp_phkh.bin")
        let arpk = Fixture.path("derived/e2e/arpk.bin")
        let image = Fixture.path("derived/images/se_img_scan_0x12000.bin")
        let run = try SEAttestBinary.run(["verify", "-vv", "-i", response, "--hdr", image, "-a", arpk])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("""
            DEBUG: read the attestation response '\(response)': 645 bytes
            DEBUG: attestation request in '\(response)': 400 bytes, flags 0x7000000000000000 (phkh-img, phkh-att), with a nonce
            DEBUG: the attestation request has 1 key slot, host-key hash 0x415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0
            DEBUG: read the request protection key (ARPK) '\(arpk)': 32 bytes
            DEBUG: read the SE header or image '\(image)': 77824 bytes
            DEBUG: SE header in '\(image)' at offset 0x12000: 0x280 bytes, control flags 0x0
            DEBUG: the SE header has 1 key slot, host-key hash 0x782966a6298f6f5968780c3134ca4c55958d2dbca5292f59e9f5d2670befaf2f
            Attestation measurement verified

            """))
    }

    @Test("help, the man page and the README describe the levels alike and say that none shows a secret")
    func levelDocumentation() throws {
        let root = Fixture.vectors.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let help = words(try SEAttestBinary.run(["verify", "--help"]).stdout)
        // The man page without its mdoc macros: `.Fl vv` reads as `-vv`.
        let manPage = words(try String(contentsOf: root.appendingPathComponent("man/se-attest.1"), encoding: .utf8)
            .replacingOccurrences(of: "\n.Fl ", with: " -").replacingOccurrences(of: "\n.", with: " "))
        let readme = words(try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
            .replacingOccurrences(of: "`", with: ""))
        for (name, text) in [("help", help), ("man page", manPage), ("README", readme)] {
            for phrase in [
                "-v adds information and the causes of errors", "-vv debug",
                "(each file read and its size, flags, key-slot hashes, where the SE header is)",
                "-vvv trace", "(OpenSSL's error queue, HTTP exchanges). No level shows a secret.",
            ] {
                #expect(text.contains(phrase) || text.contains(phrase.replacingOccurrences(of: " adds ", with: " ")),
                        "\(name) lacks: \(phrase)")
            }
            #expect(!text.contains("may print secrets") && !text.contains("may show secrets"), "\(name)")
        }
    }
}
