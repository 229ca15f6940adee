import Foundation
import Testing
import SECrypto
import SENetwork
import SETestSupport

/// The CRL fetcher over real HTTP against a loopback server started by each test.
@Suite struct CRLFetcherTests {
    private let upstream = Fixture.path("pv/cert")

    @Test func fetcherDownloadsAFile() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream)])
        let bytes = try HTTPCRLFetcher(proxies: .none).fetch(server.origin + "/ibm.crl")
        #expect(bytes == Fixture.bytes("pv/cert/ibm.crl"))
        #expect(server.requestedPaths == ["/ibm.crl"])
    }

    @Test func fetcherFollowsRedirects() throws {
        let server = try LoopbackHTTPServer(["old": .redirect(toPrefix: "new"), "new": .serve(directory: upstream)])
        let bytes = try HTTPCRLFetcher(proxies: .none).fetch(server.origin + "/old/der.crl")
        #expect(bytes == Fixture.bytes("pv/cert/der.crl"))
        #expect(server.requestedPaths == ["/old/der.crl", "/new/der.crl"])
    }

    @Test func fetcherReportsNotFound() throws {
        let server = try LoopbackHTTPServer(["": .notFound])
        let error = #expect(throws: NetworkError.self) { try HTTPCRLFetcher(proxies: .none).fetch(server.origin + "/ibm.crl") }
        #expect(error?.kind == .httpStatus(404))
    }

    @Test func fetcherGivesUpOnAServerThatHangsWithinTimeoutPlusThreeSeconds() throws {
        let server = try LoopbackHTTPServer(["": .hang])
        defer { server.stop() }
        let start = Date()
        let error = #expect(throws: NetworkError.self) { try HTTPCRLFetcher(timeoutSeconds: 1, proxies: .none).fetch(server.origin + "/ibm.crl") }
        #expect(error?.kind == .timeout)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 0.5 && elapsed < 4, "took \(elapsed) s")
    }

    @Test func fetcherRefusesWhatIsNotHTTP() {
        for url in ["inter_ca.crl", "ftp://127.0.0.1/x.crl"] {
            let error = #expect(throws: NetworkError.self) { try HTTPCRLFetcher(proxies: .none).fetch(url) }
            #expect(error?.kind == .invalidURL, "\(url)")
        }
    }
}
