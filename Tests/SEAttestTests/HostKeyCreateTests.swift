import Foundation
import Testing
import SETestSupport

/// `create` with host-key-document verification, run through the built binary.
@Suite("CLI: create verifies host-key documents")
struct HostKeyCreateTests {
    private let pki = TestPKI.shared

    /// A scratch folder for the outputs, and the create arguments for `documents`.
    private func create(_ documents: [String], signing: String = "TEST-ibm-signing.crt",
                        extra: [String] = []) throws -> (result: SEAttestBinary.Result, outputs: [String]) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-create-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let arguments = ["create"] + documents.flatMap { ["-k", pki.path($0)] }
            + ["-C", pki.path(signing), "--cert", pki.path("TEST-inter-ca.crt"), "--root-ca", pki.path("TEST-root-ca.crt")]
            + extra + ["-o", scratch + "/request.bin", "-a", scratch + "/arpk.bin"]
        let result = try SEAttestBinary.run(arguments)
        let outputs = (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []
        return (result, outputs.sorted())
    }

    private var allCRLs: [String] {
        ["--crl", pki.path("TEST-root-ca.crl") + "," + pki.path("TEST-inter-ca.crl"), "--crl", pki.path("TEST-ibm-signing.crl")]
    }

    @Test("a valid document with every CRL given offline: request and ARPK written")
    func validOffline() throws {
        let run = try create(["TEST-hkd-valid.crt"], extra: allCRLs + ["--offline"])
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(run.outputs == ["arpk.bin", "request.bin"])
    }

    @Test("a revoked document among valid ones: one error line naming it, nothing written")
    func revokedDocument() throws {
        let run = try create(["TEST-hkd-valid.crt", "TEST-hkd-revoked.crt"], extra: allCRLs + ["--offline"])
        #expect(run.result.status == 1)
        #expect(run.result.stderr == "error: host-key document '\(pki.path("TEST-hkd-revoked.crt"))': revoked by the IBM Z signing key's CRL\n")
        #expect(run.result.stdout.isEmpty)
        #expect(run.outputs.isEmpty)
    }

    @Test("an expired document")
    func expiredDocument() throws {
        let run = try create(["TEST-hkd-expired.crt"], extra: allCRLs + ["--offline"])
        #expect(run.result.status == 1)
        #expect(run.result.stderr == "error: host-key document '\(pki.path("TEST-hkd-expired.crt"))': expired on Jan  1 00:00:00 2021 GMT\n")
        #expect(run.outputs.isEmpty)
    }

    @Test("a P-256 document is refused naming the file")
    func p256Document() throws {
        let run = try create(["TEST-hkd-p256.crt"], extra: allCRLs + ["--offline"])
        #expect(run.result.status == 1)
        #expect(run.result.stderr.hasPrefix("error: host-key document '\(pki.path("TEST-hkd-p256.crt"))': "))
        #expect(run.result.stderr.contains("P-521"))
        #expect(run.outputs.isEmpty)
    }

    @Test("offline without the signing key's CRL: no valid CRL")
    func offlineWithoutDocumentCRL() throws {
        let run = try create(["TEST-hkd-valid.crt"],
                             extra: ["--crl", pki.path("TEST-root-ca.crl"), "--crl", pki.path("TEST-inter-ca.crl"), "--offline"])
        #expect(run.result.status == 1)
        #expect(run.result.stderr == "error: host-key document '\(pki.path("TEST-hkd-valid.crt"))': no valid CRL of the IBM Z signing key '\(pki.path("TEST-ibm-signing.crt"))' (give it with --crl)\n")
        #expect(run.outputs.isEmpty)
    }

    @Test("offline without the intermediate's CRL: the signing key's chain fails at level 0")
    func offlineWithoutIntermediateCRL() throws {
        let run = try create(["TEST-hkd-valid.crt"], extra: ["--crl", pki.path("TEST-root-ca.crl"), "--offline"])
        #expect(run.result.status == 1)
        #expect(run.result.stderr == "error: IBM Z signing key '\(pki.path("TEST-ibm-signing.crt"))' could not be verified (chain level 0): no CRL of its issuer was given (use --crl)\n")
    }

    @Test("-v adds OpenSSL's own words")
    func verboseCause() throws {
        let run = try create(["TEST-hkd-valid.crt"], extra: ["--crl", pki.path("TEST-root-ca.crl"), "--offline", "-v"])
        #expect(run.result.stderr.contains("caused by: OpenSSL verify error 3 at depth 0: unable to get certificate CRL"))
    }

    @Test("two signing keys are refused")
    func twoSigningKeys() throws {
        let run = try create(["TEST-hkd-valid.crt"], extra: ["-C", pki.path("TEST-ibm-signing-armonk.crt"), "--offline"])
        #expect(run.result.status == 1)
        #expect(run.result.stderr.hasPrefix("error: specify only one IBM Z signing key (2 given, in "))
    }

    @Test("a missing CRL file is named")
    func missingCRLFile() throws {
        let run = try create(["TEST-hkd-valid.crt"], extra: ["--crl", "/nonexistent/TEST.crl", "--offline"])
        #expect(run.result.status == 1)
        #expect(run.result.stderr.hasPrefix("error: '/nonexistent/TEST.crl': cannot open the CRL: "))
    }

    @Test("online: CRLs are downloaded from a loopback server named in the distribution points")
    func onlineDownload() throws {
        let live = try LoopbackHTTPServer(["missing": .notFound])
        defer { live.stop() }
        let online = try TestPKI(baseURLs: [live.origin + "/missing", live.origin + "/crl"])
        defer { try? FileManager.default.removeItem(atPath: online.directory) }
        live.set("crl", .serve(directory: online.directory))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-online-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try SEAttestBinary.run(["create", "-k", online.path("TEST-hkd-valid.crt"),
                                             "-C", online.path("TEST-ibm-signing.crt"), "-C", online.path("TEST-inter-ca.crt"),
                                             "--root-ca", online.path("TEST-root-ca.crt"),
                                             "-o", scratch + "/request.bin", "-a", scratch + "/arpk.bin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(live.requestedPaths.filter { $0.hasPrefix("/crl/") }.sorted()
                == ["/crl/TEST-ibm-signing.crl", "/crl/TEST-inter-ca.crl", "/crl/TEST-root-ca.crl"])
        let revoked = try SEAttestBinary.run(["create", "-k", online.path("TEST-hkd-revoked.crt"),
                                              "-C", online.path("TEST-ibm-signing.crt"), "-C", online.path("TEST-inter-ca.crt"),
                                              "--root-ca", online.path("TEST-root-ca.crt"),
                                              "-o", scratch + "/request2.bin", "-a", scratch + "/arpk2.bin"])
        #expect(revoked.status == 1)
        #expect(revoked.stderr.hasSuffix("revoked by the IBM Z signing key's CRL\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch + "/request2.bin"))
        // CRLs given locally are downloaded all the same: a newer one may list more (pvattest too).
        let before = live.requestedPaths.count
        let given = try SEAttestBinary.run(["create", "-k", online.path("TEST-hkd-valid.crt"),
                                            "-C", online.path("TEST-ibm-signing.crt"), "-C", online.path("TEST-inter-ca.crt"),
                                            "--root-ca", online.path("TEST-root-ca.crt"),
                                            "--crl", online.path("TEST-root-ca.crl"), "--crl", online.path("TEST-inter-ca.crl"),
                                            "--crl", online.path("TEST-ibm-signing.crl"),
                                            "-o", scratch + "/request3.bin", "-a", scratch + "/arpk3.bin"])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(live.requestedPaths.dropFirst(before).filter { $0.hasPrefix("/crl/") }.sorted()
                == ["/crl/TEST-ibm-signing.crl", "/crl/TEST-inter-ca.crl", "/crl/TEST-root-ca.crl"])
    }

    @Test("online: a stray --cert and a document with a broken signature make no request to the URLs they name")
    func onlineContactsOnlyVerifiedDistributionPoints() throws {
        let live = try LoopbackHTTPServer(["stray": .notFound])
        defer { live.stop() }
        let online = try TestPKI(baseURLs: [live.origin + "/crl"])
        defer { try? FileManager.default.removeItem(atPath: online.directory) }
        live.set("crl", .serve(directory: online.directory))
        try Scratch.with { scratch in
            let stray = try scratch.write(try TestCertificates.stray(distributionPoint: live.origin + "/stray/stray.crl"), to: "stray.crt")
            let forged = try scratch.write(TestCertificates.brokenSignature(of: online.bytes("TEST-hkd-valid.crt")), to: "forged.crt")
            func create(_ document: String) throws -> SEAttestBinary.Result {
                try scratch.run(["create", "-k", document, "-C", online.path("TEST-ibm-signing.crt"), "-C", stray,
                                 "-C", online.path("TEST-inter-ca.crt"), "--root-ca", online.path("TEST-root-ca.crt"),
                                 "-o", "request.bin", "-a", "arpk.bin"])
            }
            let valid = try create(online.path("TEST-hkd-valid.crt"))
            #expect(valid.status == 0, "\(valid.stderr)")
            #expect(live.requestedPaths.sorted() == ["/crl/TEST-ibm-signing.crl", "/crl/TEST-inter-ca.crl", "/crl/TEST-root-ca.crl"])
            try FileManager.default.removeItem(atPath: scratch.path("request.bin"))
            try FileManager.default.removeItem(atPath: scratch.path("arpk.bin"))

            let before = live.requestedPaths.count
            let refused = try create(forged)
            #expect(refused.status == 1)
            #expect(refused.stderr == "error: host-key document '\(forged)': not signed by the IBM Z signing key '\(online.path("TEST-ibm-signing.crt"))'\n")
            #expect(try scratch.listing() == ["forged.crt", "stray.crt"])
            #expect(live.requestedPaths.dropFirst(before).sorted() == ["/crl/TEST-inter-ca.crl", "/crl/TEST-root-ca.crl"])
        }
    }
}
