import Foundation
import SECore
import SECrypto
import SETestSupport
import Testing

/// `create --no-verify` through the built binary: the request is checked field by field and
/// opened with each host's private key; bad host-key documents fail with nothing written.
@Suite struct CreateCommandTests {
    static let host = Fixture.path("pv/cert/host.crt")
    static let host2 = Fixture.path("pv/cert/host2.crt")
    static let pvHost = Fixture.path("pv/keys/host.pem.crt")
    static let hostPHKH = "24933f75ee107c806fe602a7da7b610e54369af96a847f2dcc4fcfdbd81fbc05"
    static let pvHostPHKH = "415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0"
    static let warning = "warning: Host-key document verification is disabled. The attestation request may not be protected.\n"
    static let success = "Successfully generated the request\n"

    /// Runs `create --no-verify -o req.bin -a arpk.bin` plus `arguments` in `scratch` and, when
    /// it fails, checks that the folder is exactly as before.
    func create(_ scratch: Scratch, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> SEAttestBinary.Result {
        let before = try scratch.listing().map { ($0, scratch.bytes($0)) }
        let run = try scratch.run(["create", "--no-verify", "-o", "req.bin", "-a", "arpk.bin"] + arguments)
        if run.status != 0 {
            let after = try scratch.listing().map { ($0, scratch.bytes($0)) }
            #expect(after.map(\.0) == before.map(\.0), "a failed create changed the folder", sourceLocation: sourceLocation)
            #expect(after.map(\.1) == before.map(\.1), "a failed create changed a file", sourceLocation: sourceLocation)
        }
        return run
    }

    static func phkh(ofCertificate path: String) throws -> [UInt8] {
        try #require(try Certificate.loadAll(from: Fixture.bytes(path)).first).publicKey().phkh
    }

    static func hostKey(_ path: String) throws -> P521PrivateKey {
        try P521PrivateKey(encoded: Fixture.bytes(path))
    }

    /// The written request, parsed as the exchange file and the ARCB inside it.
    struct Written {
        let file: [UInt8]
        let exchange: ExchangeRequest
        let request: AttestationRequest
        let arpk: [UInt8]
    }

    func written(_ scratch: Scratch, sourceLocation: SourceLocation = #_sourceLocation) throws -> Written {
        let file = try #require(scratch.bytes("req.bin"), sourceLocation: sourceLocation)
        let exchange = try ExchangeRequest(parsing: file)
        return Written(file: file, exchange: exchange, request: try AttestationRequest(parsing: exchange.arcb),
                       arpk: try #require(scratch.bytes("arpk.bin"), sourceLocation: sourceLocation))
    }

    // MARK: - Requests

    @Test("one host-key document: the warning, the request field by field, ARPK of 32 bytes with mode 0600")
    func oneDocument() throws {
        try Scratch.with { scratch in
            let run = try create(scratch, ["-k", Self.host])
            #expect(run.status == 0)
            #expect(run.stdout == "")
            #expect(run.stderr == Self.warning + Self.success)
            #expect(try scratch.listing() == ["arpk.bin", "req.bin"])
            #expect(try scratch.mode("arpk.bin") == 0o600)
            #expect(try scratch.mode("req.bin") == 0o644)

            let written = try written(scratch)
            #expect(written.arpk.count == 32)
            // Exchange header (docs/formats.md §8.2): size, arcb at 0x40, expected measurement 64, nothing else.
            let file = written.file
            #expect(Array(file.prefix(12)) == Array("pvattest".utf8) + [0, 0, 1, 0])
            #expect(ExchangeBytes.u32(file, at: 0x0C) == file.count)
            #expect(file[0x10..<0x18].allSatisfy { $0 == 0 })
            #expect(ExchangeBytes.entry(file, .arcb) == (400, 0x40))
            #expect(ExchangeBytes.entry(file, .measurement) == (64, 0))
            #expect(ExchangeBytes.entry(file, .additionalData) == (0, 0))
            #expect(ExchangeBytes.entry(file, .userData) == (0, 0))
            #expect(ExchangeBytes.entry(file, .cuid) == (0, 0))
            #expect(file.count == 0x40 + 400)
            #expect(written.exchange.measurementSize == 64)
            #expect(written.exchange.additionalDataSize == 0)

            // ARCB (docs/formats.md §4.1).
            let arcb = written.exchange.arcb
            #expect(arcb.prefix(8).allSatisfy { $0 == 0 })
            #expect(ExchangeBytes.u32(arcb, at: 0x08) == 0x100)
            #expect(ExchangeBytes.u32(arcb, at: 0x0C) == 400)
            #expect(arcb[0x1C..<0x27].allSatisfy { $0 == 0 })
            #expect(arcb[0x27] == 1)
            #expect(arcb[0x28..<0x2C].allSatisfy { $0 == 0 })
            #expect(ExchangeBytes.u32(arcb, at: 0x2C) == 80)
            #expect(Array(arcb[0x30..<0x40]) == [0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0])
            #expect(written.request.flags == .nonce)
            #expect(written.request.algorithm == .hmacSHA512)
            #expect(written.request.keySlots.map { Hex.encode($0.phkh) } == [Self.hostPHKH])
            let customerKey = try #require(written.request.customerKey)
            #expect((try? P521PublicKey(coordinateBlock: customerKey)) != nil)

            // The host's private key opens it, and the ARPK file opens the rest.
            let opener = try AttestationRequestOpener(request: written.request, hostKey: Self.hostKey("pv/cert/host.key"))
            #expect(revealed(opener.arpk) == written.arpk)
            let secrets = try AttestationRequestOpener(arpk: SecretBytes(copying: written.arpk)).open(written.request)
            #expect(secrets.measurementKey.count == 64)
            #expect(secrets.nonce?.count == 16)
        }
    }

    @Test("two documents, repeated -k or a comma list: key slots in command-line order, each opens with its own key",
          arguments: [["-k", host, "-k", host2], ["-k", "\(host),\(host2)"], ["--host-key-document=\(host)", "--host-key-document", host2]])
    func twoDocuments(_ documents: [String]) throws {
        try Scratch.with { scratch in
            let run = try create(scratch, documents)
            #expect(run.status == 0)
            #expect(run.stderr == Self.warning + Self.success)
            let written = try written(scratch)
            #expect(written.exchange.arcb.count == 320 + 2 * 80)
            #expect(written.request.keySlots.map(\.phkh) == [try Self.phkh(ofCertificate: "pv/cert/host.crt"),
                                                            try Self.phkh(ofCertificate: "pv/cert/host2.crt")])
            let customerKey = try P521PublicKey(coordinateBlock: try #require(written.request.customerKey))
            for (slot, key) in zip(written.request.keySlots, ["pv/cert/host.key", "pv/cert/host2.key"]) {
                #expect(revealed(try slot.unwrap(hostKey: Self.hostKey(key), customerKey: customerKey)) == written.arpk)
            }
            // A slot does not open with the other host's key.
            #expect(throws: CryptoError.self) {
                try written.request.keySlots[0].unwrap(hostKey: Self.hostKey("pv/cert/host2.key"), customerKey: customerKey)
            }
        }
    }

    @Test("three documents from two folders, pv/keys/host.pem.crt among them")
    func threeDocuments() throws {
        try Scratch.with { scratch in
            let run = try create(scratch, ["-k", "\(Self.host),\(Self.pvHost)", "-k", Self.host2])
            #expect(run.status == 0)
            let written = try written(scratch)
            #expect(written.request.keySlots.map { Hex.encode($0.phkh) } == [
                Self.hostPHKH, Self.pvHostPHKH, Hex.encode(try Self.phkh(ofCertificate: "pv/cert/host2.crt")),
            ])
            #expect(written.exchange.arcb[0x27] == 3)
        }
    }

    @Test("a DER host-key document works like its PEM form")
    func derDocument() throws {
        try Scratch.with { scratch in
            let der = derCertificate(fromPEM: "pv/cert/host.crt")
            #expect(der.first == 0x30)
            let path = try scratch.write(der, to: "host.der")
            let run = try create(scratch, ["-k", path, "-k", Self.host2])
            #expect(run.status == 0)
            let written = try written(scratch)
            #expect(Hex.encode(written.request.keySlots[0].phkh) == Self.hostPHKH)
            let opener = try AttestationRequestOpener(request: written.request, hostKey: Self.hostKey("pv/cert/host.key"))
            #expect(revealed(opener.arpk) == written.arpk)
        }
    }

    @Test("a document with several certificates: a warning naming it, the first one is used")
    func severalCertificates() throws {
        try Scratch.with { scratch in
            let path = try scratch.write(Fixture.bytes("pv/cert/host2.crt") + Fixture.bytes("pv/cert/host.crt"), to: "both.crt")
            let run = try create(scratch, ["-k", path])
            #expect(run.status == 0)
            #expect(run.stderr == "warning: the host-key document '\(path)' contains more than one certificate; the first one is used\n"
                + Self.warning + Self.success)
            let written = try written(scratch)
            #expect(written.request.keySlots.map(\.phkh) == [try Self.phkh(ofCertificate: "pv/cert/host2.crt")])
        }
    }

    @Test("-v names each document used; -q leaves stderr empty")
    func verbosity() throws {
        try Scratch.with { scratch in
            var run = try create(scratch, ["-v", "-k", "\(Self.host),\(Self.host2)"])
            #expect(run.status == 0)
            #expect(run.stderr == "Use host-key document at '\(Self.host)'\nUse host-key document at '\(Self.host2)'\n"
                + Self.warning + Self.success)
            run = try create(scratch, ["-q", "-k", Self.host])
            #expect(run.status == 0)
            #expect(run.stderr == "")
            #expect(try scratch.listing() == ["arpk.bin", "req.bin"])
        }
    }

    struct AddData: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let flags: UInt64
        let size: Int
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test("--add-data sets the flags word and the expected additional size", arguments: [
        AddData(arguments: [], flags: 0x4000_0000_0000_0000, size: 0),
        AddData(arguments: ["--add-data", "phkh-img"], flags: 0x6000_0000_0000_0000, size: 32),
        AddData(arguments: ["--add-data", "phkh-att"], flags: 0x5000_0000_0000_0000, size: 32),
        AddData(arguments: ["--add-data", "secret-store-hash"], flags: 0x4800_0000_0000_0000, size: 64),
        AddData(arguments: ["--add-data", "firmware-state"], flags: 0x4400_0000_0000_0000, size: 320),
        AddData(arguments: ["--add-data", "phkh-img,phkh-att"], flags: 0x7000_0000_0000_0000, size: 64),
        AddData(arguments: ["--add-data", "phkh-img,phkh-att,secret-store-hash,firmware-state"], flags: 0x7C00_0000_0000_0000, size: 448),
        AddData(arguments: ["--add-data", "firmware-state", "--add-data=secret-store-hash", "--add-data", "phkh-att,phkh-img"],
                flags: 0x7C00_0000_0000_0000, size: 448),
        AddData(arguments: ["--add-data", "phkh-att,phkh-att", "--add-data", "phkh-att"], flags: 0x5000_0000_0000_0000, size: 32),
    ])
    func addData(_ testCase: AddData) throws {
        try Scratch.with { scratch in
            let run = try create(scratch, ["-k", Self.host] + testCase.arguments)
            #expect(run.status == 0)
            let written = try written(scratch)
            #expect(written.request.flags.rawValue == testCase.flags)
            #expect(written.exchange.additionalDataSize == testCase.size)
            let expectedEntry = testCase.size > 0 ? (testCase.size, 0) : (0, 0)
            #expect(ExchangeBytes.entry(written.file, .additionalData) == expectedEntry)
            #expect(ExchangeBytes.entry(written.file, .measurement) == (64, 0))
            // The flags are authenticated: the ARPK opens the request only as written.
            #expect(throws: CryptoError.self) {
                var tampered = written.exchange.arcb
                tampered[0x30] ^= 0x08
                _ = try AttestationRequestOpener(arpk: SecretBytes(copying: written.arpk)).open(AttestationRequest(parsing: tampered))
            }
        }
    }

    @Test("an unknown --add-data value: exit 1 naming it, nothing written")
    func unknownAddData() throws {
        try Scratch.with { scratch in
            let run = try create(scratch, ["-k", Self.host, "--add-data", "phkh-img,phkh-everything"])
            #expect(run.status == 1)
            #expect(run.errorLines.count == 1)
            #expect(run.errorLines.first?.contains("phkh-everything") == true)
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("an existing 0644 ARPK file and 0600 request are replaced; the ARPK ends up 0600, the request keeps 0600")
    func replacesExistingFiles() throws {
        try Scratch.with { scratch in
            try scratch.write(Fixture.rep(0x99, 100), to: "arpk.bin", mode: 0o644)
            try scratch.write(Array("old request".utf8), to: "req.bin", mode: 0o600)
            let run = try create(scratch, ["-k", Self.host])
            #expect(run.status == 0)
            #expect(try scratch.listing() == ["arpk.bin", "req.bin"])
            #expect(try scratch.mode("arpk.bin") == 0o600)
            #expect(try scratch.mode("req.bin") == 0o600)
            let written = try written(scratch)
            #expect(written.arpk.count == 32)
            #expect(written.arpk != Fixture.rep(0x99, 32))
        }
    }

    @Test("two runs give different ARPKs and requests (fresh randomness)")
    func freshRandomness() throws {
        try Scratch.with { scratch in
            #expect(try create(scratch, ["-k", Self.host]).status == 0)
            let first = try written(scratch)
            #expect(try create(scratch, ["-k", Self.host]).status == 0)
            let second = try written(scratch)
            #expect(first.arpk != second.arpk)
            #expect(first.request.iv != second.request.iv)
            #expect(first.request.customerKey != second.request.customerKey)
        }
    }

    @Test("-o - writes the request to stdout; the ARPK still goes to its file")
    func requestOnStdout() throws {
        try Scratch.with { scratch in
            let run = try scratch.run(["create", "--no-verify", "-k", Self.host, "-o", "-", "-a", "arpk.bin"])
            #expect(run.status == 0)
            #expect(run.stderr == Self.warning + Self.success)
            let exchange = try ExchangeRequest(parsing: run.stdoutBytes)
            let request = try AttestationRequest(parsing: exchange.arcb)
            let arpk = try #require(scratch.bytes("arpk.bin"))
            #expect(try scratch.listing() == ["arpk.bin"])
            _ = try AttestationRequestOpener(arpk: SecretBytes(copying: arpk)).open(request)
        }
    }

    /// `count` host-key documents with fresh P-521 keys, written to `scratch`: host2.crt (DER)
    /// with its public point replaced. Their signatures no longer verify; --no-verify ignores that.
    static func distinctDocuments(_ count: Int, in scratch: Scratch) throws -> (paths: [String], phkhs: [[UInt8]]) {
        let template = derCertificate(fromPEM: "pv/cert/host2.crt")
        func point(_ key: P521PublicKey) -> [UInt8] {
            let block = key.coordinateBlock
            return [0x04] + block[14..<80] + block[94..<160]
        }
        let original = try #require(try Certificate.loadAll(from: template).first).publicKey()
        let range = try #require(template.firstRange(of: point(original)))
        var paths: [String] = []
        var phkhs: [[UInt8]] = []
        for index in 0..<count {
            let key = try P521PrivateKey().publicKey
            var document = template
            document.replaceSubrange(range, with: point(key))
            paths.append(try scratch.write(document, to: "host-\(index).der"))
            phkhs.append(key.phkh)
        }
        return (paths, phkhs)
    }

    @Test("255 host-key documents are allowed (one key slot each)")
    func maximalDocuments() throws {
        try Scratch.with { scratch in
            let documents = try Self.distinctDocuments(255, in: scratch)
            let run = try create(scratch, documents.paths.flatMap { ["-k", $0] })
            #expect(run.status == 0, "\(run.stderr)")
            let written = try written(scratch)
            #expect(written.request.keySlots.map(\.phkh) == documents.phkhs)
            #expect(written.exchange.arcb.count == 320 + 255 * 80)
            #expect(written.exchange.arcb[0x27] == 255)
        }
    }

    // MARK: - Errors (exit 1, nothing written)

    @Test("a host-key document that is not EC P-521 (RSA, PEM or DER): exit 1 naming it",
          arguments: ["pv/cert/root_ca.crt", "pv/cert/der.crt", "pv/cert/ibm.crt"])
    func notP521(_ document: String) throws {
        try Scratch.with { scratch in
            let path = Fixture.path(document)
            expectError(try create(scratch, ["-k", Self.host, "-k", path]), naming: path, "P-521")
            #expect(try scratch.listing().isEmpty)
        }
    }

    /// A self-signed certificate with an EC P-384 key, made for this test with the openssl tool
    /// (the vectors hold no EC host key on another curve).
    static let p384Certificate = """
        -----BEGIN CERTIFICATE-----
        MIIB4zCCAWqgAwIBAgIUHx9CZ+qhxRYsIzUwrwvA+MIIJqgwCgYIKoZIzj0EAwIw
        KDEmMCQGA1UEAwwdc2UtYXR0ZXN0IHRlc3QgUC0zODQgaG9zdCBrZXkwIBcNMjYx
        MTI5MDU0OTMyWhgPMjEyNjExMDUwNTQ5MzJaMCgxJjAkBgNVBAMMHXNlLWF0dGVz
        dCB0ZXN0IFAtMzg0IGhvc3Qga2V5MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAErQ0e
        HuIUWCLVhP00B7kRqtIrCYDi7AI7KnEWa15iR9urVd+IoyUEDx+tYDce6pwWX+jc
        L36KvvmnPja1v56k3puIYn2EuZH8AtdASBFEHpcnpF/e+pg081G3n3aFI0tYo1Mw
        UTAdBgNVHQ4EFgQUI0YJ2h1kt1icpL/8kTcu+pkcaUMwHwYDVR0jBBgwFoAUI0YJ
        2h1kt1icpL/8kTcu+pkcaUMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNn
        ADBkAjBa55Z5zKMmHsRyA3yO/pWgwHHDd/VJMth3PhpUmH1YzQQHYIvxLFXQtDS4
        ARWlwksCMFpcLnEtORJlFYdBCbOOdsQA8YyMRMDHsG2wFPkM1RNRnav6D2AgungE
        PjCuSSH6HQ==
        -----END CERTIFICATE-----

        """

    @Test("an EC host-key document on another curve (P-384): exit 1 naming it and the curve")
    func otherCurve() throws {
        try Scratch.with { scratch in
            let path = try scratch.write(Array(Self.p384Certificate.utf8), to: "p384.crt")
            expectError(try create(scratch, ["-k", path]), naming: path, "P-521", "P-384")
            #expect(try scratch.listing() == ["p384.crt"])
        }
    }

    @Test("a file that is not a certificate: exit 1 naming it",
          arguments: ["pv/cert/host.key", "pv/cert/ibm.crl", "pv/cert/der.crl", "pv/exp/arcb.bin", "pv/keys/public_cust.bin"])
    func notACertificate(_ document: String) throws {
        try Scratch.with { scratch in
            let path = Fixture.path(document)
            expectError(try create(scratch, ["-k", path]), naming: path, "certificate")
        }
    }

    @Test("an empty file, a damaged PEM certificate and a truncated DER one: exit 1 naming them")
    func damagedDocuments() throws {
        try Scratch.with { scratch in
            let pem = String(decoding: Fixture.bytes("pv/cert/host.crt"), as: UTF8.self)
            let cases: [(String, [UInt8])] = [
                ("empty.crt", []),
                ("damaged.crt", Array(pem.replacingOccurrences(of: "MII", with: "M!I").utf8)),
                ("truncated.der", Array(derCertificate(fromPEM: "pv/cert/host.crt").dropLast(10))),
                ("text.crt", Array("this is not a certificate\n".utf8)),
            ]
            for (name, bytes) in cases {
                let path = try scratch.write(bytes, to: name)
                expectError(try create(scratch, ["-k", Self.host, "-k", path]), naming: path)
            }
            #expect(try scratch.listing() == cases.map(\.0).sorted())
        }
    }

    @Test("a missing host-key document: exit 1 naming it; existing outputs untouched")
    func missingDocument() throws {
        try Scratch.with { scratch in
            try scratch.write(Array("keep".utf8), to: "req.bin")
            try scratch.write(Fixture.rep(0x17, 32), to: "arpk.bin", mode: 0o644)
            let missing = scratch.path("missing.crt")
            expectError(try create(scratch, ["-k", Self.host, "-k", missing]), naming: missing, "cannot open")
            #expect(scratch.text("req.bin") == "keep")
            #expect(try scratch.mode("arpk.bin") == 0o644)
        }
    }

    @Test("no host-key document: exit 1")
    func noDocument() throws {
        try Scratch.with { scratch in
            let run = try create(scratch, [])
            #expect(run.status == 1)
            #expect(run.errorLines.count == 1)
            #expect(run.errorLines.first?.contains("host-key-document") == true)
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("a document given twice (-k X -k X, or in a comma list): exit 1 naming it, nothing written",
          arguments: [["-k", host, "-k", host2, "-k", host], ["-k", "\(host2),\(host),\(host)"]])
    func documentGivenTwice(_ arguments: [String]) throws {
        try Scratch.with { scratch in
            let run = try create(scratch, arguments)
            #expect(run.status == 1)
            #expect(run.stderr == "error: host-key document '\(Self.host)' is given twice\n")
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("two files with the same host key (PEM and DER): exit 1 naming both, nothing written")
    func sameKeyInTwoFiles() throws {
        try Scratch.with { scratch in
            let der = try scratch.write(derCertificate(fromPEM: "pv/cert/host.crt"), to: "host.der")
            let run = try create(scratch, ["-k", Self.host, "-k", Self.host2, "-k", der])
            #expect(run.status == 1)
            #expect(run.stderr == "error: host-key document '\(der)' holds the same host key as '\(Self.host)'\n")
            #expect(try scratch.listing() == ["host.der"])
        }
    }

    @Test("256 host-key documents: exit 1 saying at most 255")
    func tooManyDocuments() throws {
        try Scratch.with { scratch in
            let run = try create(scratch, Array(repeating: ["-k", Self.host], count: 256).flatMap { $0 })
            #expect(run.status == 1)
            #expect(run.errorLines.count == 1)
            #expect(run.errorLines.first?.contains("255") == true)
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("-a - is refused: the ARPK is never written to stdout, and no request is written either")
    func arpkToStdout() throws {
        try Scratch.with { scratch in
            let run = try scratch.run(["create", "--no-verify", "-k", Self.host, "-o", "req.bin", "-a", "-"])
            #expect(run.status == 1)
            #expect(run.stdout == "")
            #expect(run.errorLines.count == 1)
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("neither --no-verify nor --cert: exit 1, nothing written")
    func verificationChoiceRequired() throws {
        try Scratch.with { scratch in
            let run = try scratch.run(["create", "-k", Self.host, "-o", "req.bin", "-a", "arpk.bin"])
            #expect(run.status == 1)
            #expect(run.errorLines.count == 1)
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("an output in a missing folder: exit 1 naming it, and the other output is not written either")
    func uncreatableOutputs() throws {
        try Scratch.with { scratch in
            var run = try scratch.run(["create", "--no-verify", "-k", Self.host, "-o", "no/req.bin", "-a", "arpk.bin"])
            expectError(run, naming: "no/req.bin", "cannot create")
            #expect(try scratch.listing().isEmpty)
            run = try scratch.run(["create", "--no-verify", "-k", Self.host, "-o", "req.bin", "-a", "no/arpk.bin"])
            expectError(run, naming: "no/arpk.bin", "cannot create")
            #expect(try scratch.listing().isEmpty)
        }
    }

    // MARK: - Round trip without the simulator

    @Test("create for host.crt, answer as the Ultravisor would in the test, verify: exit 0; one user-data byte changed: exit 2")
    func roundTrip() throws {
        try Scratch.with { scratch in
            let run = try create(scratch, ["-k", Self.host2, "-k", Self.host, "--add-data", "phkh-att,phkh-img"])
            #expect(run.status == 0)
            let written = try written(scratch)
            #expect(written.exchange.additionalDataSize == 64)

            // The Ultravisor's side: find our slot with the host key, unwrap the ARPK, decrypt.
            let hostKey = try Self.hostKey("pv/cert/host.key")
            let opener = try AttestationRequestOpener(request: written.request, hostKey: hostKey)
            let secrets = try opener.open(written.request)
            let cuid = Fixture.rep(0xC1, 16)
            let userData = Array("round trip user data".utf8)
            let phkh = hostKey.publicKey.phkh
            let additional = phkh + phkh
            let measurement = try MeasurementForge.measurement(secrets: secrets, cuid: cuid, userData: userData, additionalData: additional)
            let response = ExchangeResponse(arcb: written.exchange.arcb, measurement: measurement, additionalData: additional,
                                            userData: userData, cuid: cuid).bytes
            try scratch.write(response, to: "resp.bin")

            let verify = try scratch.run(["verify", "-i", "resp.bin", "--hdr", MeasurementForge.headerPath, "-a", "arpk.bin",
                                          "-o", "result.yaml", "-u", "user.bin"])
            #expect(verify.status == 0)
            #expect(verify.stderr.hasPrefix("Attestation measurement verified\n"))
            #expect(scratch.bytes("user.bin") == userData)
            #expect(scratch.text("result.yaml") == """
                cuid: '0x\(Hex.encode(cuid))'
                add: '0x\(Hex.encode(additional))'
                add_fields:
                  image_phkh: '0x\(Hex.encode(phkh))'
                  attestation_phkh: '0x\(Hex.encode(phkh))'
                user_data: '0x\(Hex.encode(userData))'

                """)

            let userOffset = ExchangeBytes.offset(response, .userData, 5)
            try scratch.write(ExchangeBytes.flipping(response, at: userOffset), to: "tampered.bin")
            let tampered = try scratch.run(["verify", "-i", "tampered.bin", "--hdr", MeasurementForge.headerPath, "-a", "arpk.bin",
                                            "-o", "tampered.yaml"])
            #expect(tampered.status == 2)
            #expect(tampered.stderr == "Attestation measurement verification failed. Calculated and received attestation measurement are not equal.\n")
            #expect(scratch.bytes("tampered.yaml") == nil)
        }
    }
}
