import Foundation
import Testing
import SECrypto
import SETestSupport

/// CRL download over real HTTP against a loopback server started by each test.
@Suite struct HostKeyDownloadTests {
    private let upstream = Fixture.path("pv/cert")

    @Test func upstreamPKIVerifiesWithCRLsFromALoopbackServer() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream)])
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], rootCA: pki("root_ca.crt"),
                                           offline: false, fetcher: LoopbackFetcher(origin: server.origin))
        try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
        #expect(reason { try verifier.verify(try hostKeyDocument("host_rev.crt"), path: "host_rev.crt") }?.reason == .revoked)
        #expect(Set(server.requestedPaths) == ["/inter_ca.crl", "/root_ca.crl", "/ibm.crl"])
    }

    @Test func crlsAreDownloadedEvenWhenTheyAreGiven() throws {
        // pvattest fetches every distribution point's CRL online, whatever is given locally;
        // with the same CRLs on the server the outcome is the one offline.
        for offline in [true, false] {
            let server = try LoopbackHTTPServer(["": .serve(directory: upstream)])
            let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")],
                                               crls: [pki("ibm.crl"), pki("inter_ca.crl")], rootCA: pki("root_ca.chained.crt"),
                                               offline: offline, fetcher: LoopbackFetcher(origin: server.origin))
            try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
            #expect(reason { try verifier.verify(try hostKeyDocument("host_rev.crt"), path: "host_rev.crt") }?.reason == .revoked)
            // ibm.crl once for both documents.
            #expect(server.requestedPaths.sorted() == (offline ? [] : ["/ibm.crl", "/inter_ca.crl", "/root_ca.crl"]))
        }
    }

    @Test func downloadedCRLRevokesADocumentTheLocalCRLDoesNotList() throws {
        let server = try LoopbackHTTPServer(["first": .serve(directory: TestPKI.shared.directory)])
        let older = try emptyCRL(issuedBy: "TEST-ibm-signing")
        let chainCRLs = [TestPKI.file("TEST-root-ca.crl"), TestPKI.file("TEST-inter-ca.crl")]
        let chained = HostKeyVerifier.File(path: "TEST-ibm-signing.chained.crt", bytes: TestPKI.shared.bytes("TEST-ibm-signing.crt") + older)
        // The older CRL given with --crl, or inside the signing key's file as IBM ships it.
        let inputs = [
            ([TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
             chainCRLs + [HostKeyVerifier.File(path: "TEST-older.crl", bytes: older)]),
            ([chained, TestPKI.file("TEST-inter-ca.crt")], chainCRLs),
        ]
        for (certificates, crls) in inputs {
            for offline in [true, false] {
                let verifier = try HostKeyVerifier(certificates: certificates, crls: crls, rootCA: TestPKI.file("TEST-root-ca.crt"),
                                                   offline: offline, fetcher: LoopbackFetcher(origin: server.origin))
                try verifier.verify(try TestPKI.document("TEST-hkd-valid.crt"), path: "valid.crt")
                let revoked = reason { try verifier.verify(try TestPKI.document("TEST-hkd-revoked.crt"), path: "revoked.crt") }
                #expect(revoked?.reason == (offline ? nil : .revoked), "offline: \(offline)")
            }
        }
        #expect(server.requestedPaths.filter { $0 == "/first/TEST-ibm-signing.crl" }.count == 2)
    }

    @Test func downloadedCRLRevokesASigningKeyTheOlderLocalCRLDoesNotList() throws {
        // OpenSSL checks the newest of the intermediate's CRLs: the downloaded one.
        let server = try LoopbackHTTPServer(["first": .serve(directory: TestPKI.shared.directory)])
        let older = HostKeyVerifier.File(path: "TEST-older.crl", bytes: try emptyCRL(issuedBy: "TEST-inter-ca", lastUpdate: "20200101000000Z"))
        for offline in [true, false] {
            let error = reason {
                _ = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing-revoked.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                        crls: [TestPKI.file("TEST-root-ca.crl"), older], rootCA: TestPKI.file("TEST-root-ca.crt"),
                                        offline: offline, fetcher: LoopbackFetcher(origin: server.origin))
            }
            #expect(error?.reason == (offline ? nil : .chainNotVerified(openSSLError: 23, level: 0)), "offline: \(offline)")
        }
    }

    @Test func documentsSharingADistributionPointFetchItOnce() throws {
        let server = try LoopbackHTTPServer(["first": .notFound, "second": .serve(directory: TestPKI.shared.directory)])
        let verifier = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                           rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false,
                                           fetcher: LoopbackFetcher(origin: server.origin))
        let names = (0..<16).map { $0 % 2 == 0 ? "TEST-hkd-valid.crt" : "TEST-hkd-revoked.crt" }
        let documents = try names.map { try TestPKI.document($0) }
        let outcomes = Parallel.map(Array(zip(names, documents))) { name, document in
            reason { try verifier.verify(document, path: name) }?.reason
        }
        #expect(outcomes == names.map { $0 == "TEST-hkd-valid.crt" ? nil : .revoked })
        // The failing first distribution point is not tried again either.
        #expect(server.requestedPaths.filter { $0.hasSuffix("/TEST-ibm-signing.crl") }
                == ["/first/TEST-ibm-signing.crl", "/second/TEST-ibm-signing.crl"])
    }

    @Test func offlineNeverDownloads() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream)])
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], rootCA: pki("root_ca.crt"),
                                    offline: true, fetcher: LoopbackFetcher(origin: server.origin))
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 3, level: 0))
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], crls: [pki("inter_ca.crl")],
                                           rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: LoopbackFetcher(origin: server.origin))
        #expect(reason { try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt") }?.reason == .noValidCRL)
        #expect(server.requestedPaths.isEmpty)
    }

    // The test PKI lists two distribution points per certificate: .../first/<name>, .../second/<name>.

    @Test func notFoundFallsBackToTheNextDistributionPoint() throws {
        let server = try LoopbackHTTPServer(["first": .notFound, "second": .serve(directory: TestPKI.shared.directory)])
        let verifier = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                           rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false,
                                           fetcher: LoopbackFetcher(origin: server.origin))
        try verifier.verify(try TestPKI.document("TEST-hkd-valid.crt"), path: "TEST-hkd-valid.crt")
        #expect(server.requestedPaths.filter { $0.hasPrefix("/first/") }.count == 3)
        #expect(server.requestedPaths.filter { $0.hasPrefix("/second/") }.count == 3)
    }

    @Test func hangingServerTimesOutAndTheNextDistributionPointIsUsed() throws {
        let server = try LoopbackHTTPServer(["first": .hang, "second": .serve(directory: TestPKI.shared.directory)])
        defer { server.stop() }
        let verifier = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                           crls: [TestPKI.file("TEST-root-ca.crl"), TestPKI.file("TEST-inter-ca.crl")],
                                           rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false,
                                           fetcher: LoopbackFetcher(origin: server.origin))
        let start = Date()
        try verifier.verify(try TestPKI.document("TEST-hkd-valid.crt"), path: "TEST-hkd-valid.crt")
        #expect(Date().timeIntervalSince(start) < 4)
        // The given CRLs are downloaded too (each after one timeout), before the document's.
        #expect(server.requestedPaths == ["/first/TEST-inter-ca.crl", "/second/TEST-inter-ca.crl",
                                          "/first/TEST-root-ca.crl", "/second/TEST-root-ca.crl",
                                          "/first/TEST-ibm-signing.crl", "/second/TEST-ibm-signing.crl"])
    }

    @Test func failedDownloadsAreListedWithTheError() throws {
        let server = try LoopbackHTTPServer(["first": .notFound, "second": .notFound])
        let verifier = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                           crls: [TestPKI.file("TEST-root-ca.crl"), TestPKI.file("TEST-inter-ca.crl")],
                                           rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false,
                                           fetcher: LoopbackFetcher(origin: server.origin))
        let error = reason { try verifier.verify(try TestPKI.document("TEST-hkd-valid.crt"), path: "hkd.crt") }
        #expect(error?.message == "host-key document 'hkd.crt': no valid CRL of the IBM Z signing key 'TEST-ibm-signing.crt' (none could be downloaded)")
        #expect(error?.underlying.count == 2)
        #expect(error?.underlying.first?.hasPrefix("CRL download from http://crl.test.invalid/first/TEST-ibm-signing.crl failed: ") == true)
    }
}
