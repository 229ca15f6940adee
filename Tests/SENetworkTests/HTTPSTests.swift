import Foundation
import Testing
import SECrypto
import SENetwork
import SETestSupport

/// HTTPS against the loopback server with a throw-away certificate for 127.0.0.1.
@Suite struct HTTPSTests {
    private let upstream = Fixture.path("pv/cert")

    @Test func downloadsOverHTTPSAndChecksTheServer() throws {
        let tls = try LoopbackTLS()
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream, splitWrites: true)], tls: tls)
        defer { server.stop() }
        let fetcher = HTTPCRLFetcher(tlsTrustFile: tls.certificateFile, proxies: .none)
        #expect(try fetcher.fetch(server.origin + "/ibm.crl") == Fixture.bytes("pv/cert/ibm.crl"))
        // Without its certificate among the trusted ones, nothing is fetched.
        let untrusted = Result { () throws(NetworkError) in try testClient().send(server.origin + "/ibm.crl") }
        #expect(untrusted.kind == .tls)
        #expect(untrusted.message?.hasPrefix("TLS with 127.0.0.1 failed: ") == true, "\(String(describing: untrusted.message))")
    }

    @Test func aBodyWithoutLengthIsWholeOverTLSOnlyWhenTheServerSendsCloseNotify() throws {
        // Without close_notify the end of the TCP stream may be an attacker's (RFC 9112 section 9.8).
        let tls = try LoopbackTLS()
        let head = "HTTP/1.1 200 OK\r\n\r\n"
        let server = try LoopbackHTTPServer([
            "notified": .stream(head: head, chunk: Array("part".utf8), count: 3, intervalMilliseconds: 20),
            "cut": .stream(head: head, chunk: Array("part".utf8), count: 3, intervalMilliseconds: 20, closeNotify: false),
        ], tls: tls)
        defer { server.stop() }
        #expect(try testClient(trust: tls.certificateFile).send(server.origin + "/notified/x") == Array("partpartpart".utf8))
        let url = server.origin + "/cut/x"
        let cut = Result { () throws(NetworkError) in try testClient(trust: tls.certificateFile).send(url) }
        #expect(cut.kind == .truncated)
        #expect(cut.message == "the reply from \(url) has no length and its TLS connection closed without close_notify: it may be cut short")
    }

    @Test func tlsThatCannotBeSetUpFailsBeforeConnecting() {
        // Looks like an IPv4 address but is none: the certificate check for it cannot be set up.
        #expect {
            try HTTPCRLFetcher(proxies: .none).fetch("https://999.1.1.1/ibm.crl")
        } throws: { error in
            (error as? NetworkError)?.kind == .tls && (error as? NetworkError)?.message == "cannot set up TLS for 999.1.1.1"
        }
    }

    @Test func tlsHandshakeWithAServerThatHangsEndsWithinTimeoutPlusOneAndAHalfSeconds() throws {
        let server = try LoopbackHTTPServer(["": .hang])   // plain: it never answers the ClientHello
        defer { server.stop() }
        let (result, seconds) = timed { () throws(NetworkError) in
            try testClient(timeout: 1).send("https://127.0.0.1:\(server.port)/ibm.crl")
        }
        #expect(result.kind == .timeout)
        #expect(seconds >= 0.9 && seconds < 2.5, "took \(seconds) s")
    }

    @Test func httpsToHTTPRedirectIsRefusedForTheFirmwareServiceAndFollowedForCRLs() throws {
        let plain = try LoopbackHTTPServer(["": .serve(directory: upstream)])
        let tls = try LoopbackTLS()
        let secure = try LoopbackHTTPServer(["": .redirectTo(location: plain.origin + "/ibm.crl"),
                                             "hmrs": .redirectTo(location: plain.origin + "/hmrs/verify")], tls: tls)
        defer { plain.stop(); secure.stop() }
        let fetcher = HTTPCRLFetcher(timeoutSeconds: 2, tlsTrustFile: tls.certificateFile, proxies: .none)
        #expect(try fetcher.fetch(secure.origin + "/ibm.crl") == Fixture.bytes("pv/cert/ibm.crl"))
        let service = FirmwareVerificationService(baseURL: secure.origin, timeoutSeconds: 2, tlsTrustFile: tls.certificateFile)
        let refused = Result { () throws(NetworkError) in try service.verify(firmwareState: [UInt8](repeating: 0, count: 320), proxies: .none) }
        guard case .failure(let error) = refused else { Issue.record("the downgrade was followed"); return }
        #expect(error.kind == .insecureRedirect)
        #expect(error.message == "refused a redirect from https to \(plain.origin)/hmrs/verify")
        #expect(plain.requestedPaths == ["/ibm.crl"])
    }
}
