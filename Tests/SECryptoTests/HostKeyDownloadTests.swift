import Foundation
import Testing
import SECrypto
import SETestSupport

/// CRL download over real HTTP against a loopback server started by each test.
@Suite struct HostKeyDownloadTests {
    private let upstream = Fixture.path("pv/cert")

    @Test func fetcherDownloadsAFile() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream)])
        let bytes = try HTTPCRLFetcher().fetch(server.origin + "/ibm.crl")
        #expect(bytes == Fixture.bytes("pv/cert/ibm.crl"))
        #expect(server.requestedPaths == ["/ibm.crl"])
    }

    @Test func fetcherFollowsRedirects() throws {
        let server = try LoopbackHTTPServer(["old": .redirect(toPrefix: "new"), "new": .serve(directory: upstream)])
        let bytes = try HTTPCRLFetcher().fetch(server.origin + "/old/der.crl")
        #expect(bytes == Fixture.bytes("pv/cert/der.crl"))
        #expect(server.requestedPaths == ["/old/der.crl", "/new/der.crl"])
    }

    @Test func fetcherReportsNotFound() throws {
        let server = try LoopbackHTTPServer(["": .notFound])
        #expect(throws: CryptoError.self) { try HTTPCRLFetcher().fetch(server.origin + "/ibm.crl") }
    }

    @Test func fetcherGivesUpOnAServerThatHangs() throws {
        let server = try LoopbackHTTPServer(["": .hang])
        defer { server.stop() }
        let start = Date()
        #expect(throws: CryptoError.self) { try HTTPCRLFetcher(timeoutSeconds: 1).fetch(server.origin + "/ibm.crl") }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 0.5 && elapsed < 4, "took \(elapsed) s")
    }

    @Test func fetcherRefusesWhatIsNotHTTP() {
        #expect(throws: CryptoError.self) { try HTTPCRLFetcher().fetch("inter_ca.crl") }
        #expect(throws: CryptoError.self) { try HTTPCRLFetcher().fetch("ftp://127.0.0.1/x.crl") }
    }

    @Test func upstreamPKIVerifiesWithCRLsFromALoopbackServer() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream)])
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], rootCA: pki("root_ca.crt"),
                                           offline: false, fetcher: LoopbackFetcher(origin: server.origin))
        try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
        #expect(reason { try verifier.verify(try hostKeyDocument("host_rev.crt"), path: "host_rev.crt") }?.reason == .revoked)
        #expect(Set(server.requestedPaths) == ["/inter_ca.crl", "/root_ca.crl", "/ibm.crl"])
    }

    @Test func nothingIsDownloadedWhenTheCRLsAreGiven() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream)])
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")],
                                           crls: [pki("ibm.crl"), pki("inter_ca.crl")], rootCA: pki("root_ca.chained.crt"),
                                           offline: false, fetcher: LoopbackFetcher(origin: server.origin))
        try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
        #expect(server.requestedPaths.isEmpty)
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
        #expect(server.requestedPaths == ["/first/TEST-ibm-signing.crl", "/second/TEST-ibm-signing.crl"])
    }

    @Test func failedDownloadsAreListedWithTheError() throws {
        let server = try LoopbackHTTPServer(["first": .notFound, "second": .notFound])
        let verifier = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                           crls: [TestPKI.file("TEST-root-ca.crl"), TestPKI.file("TEST-inter-ca.crl")],
                                           rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false,
                                           fetcher: LoopbackFetcher(origin: server.origin))
        let error = reason { try verifier.verify(try TestPKI.document("TEST-hkd-valid.crt"), path: "hkd.crt") }
        #expect(error?.message == "host-key document 'hkd.crt': no valid CRL of the IBM Z signing key 'TEST-ibm-signing.crt' (none could be downloaded; give it with --crl)")
        #expect(error?.underlying.count == 2)
        #expect(error?.underlying.first?.hasPrefix("CRL download from http://crl.test.invalid/first/TEST-ibm-signing.crl failed: ") == true)
    }
}
