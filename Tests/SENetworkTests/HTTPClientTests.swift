import Foundation
import Testing
import SECrypto
import SENetwork
import SETestSupport

/// The client against servers that misbehave: every body whole or an error, every call ended by
/// its deadline. Time bounds are generous (the machine is shared); each test names its bound.
@Suite struct HTTPClientTests {
    private let upstream = Fixture.path("pv/cert")
    private static let okHead = "HTTP/1.1 200 OK\r\n"

    @Test func headersAndBodyInSeparateWritesArriveWhole() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream, splitWrites: true)])
        defer { server.stop() }
        #expect(try testClient().send(server.origin + "/ibm.crl") == Fixture.bytes("pv/cert/ibm.crl"))
    }

    @Test func theSameCRLDownloads50TimesFromAServerThatSplitsWrites() throws {
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream, splitWrites: true)])
        defer { server.stop() }
        let fetcher = HTTPCRLFetcher(timeoutSeconds: 5, proxies: .none)
        var whole = 0
        for _ in 0..<50 {
            let crl = try fetcher.fetch(server.origin + "/ibm.crl")
            if crl == Fixture.bytes("pv/cert/ibm.crl"), (try? CertificateRevocationList.loadAll(from: crl))?.count == 1 { whole += 1 }
        }
        #expect(whole == 50)
    }

    @Test func aBodyTrickledWithinTheDeadlineSucceedsIn2Seconds() throws {
        // 20 bytes, one every 50 ms: about 1 s of a 2 s deadline (the bound asserted is the deadline).
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "Content-Length: 20\r\n\r\n", chunk: Array("x".utf8),
                                                         count: 20, intervalMilliseconds: 50)])
        defer { server.stop() }
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 2).send(server.origin + "/slow") }
        #expect(try result.get() == [UInt8](repeating: UInt8(ascii: "x"), count: 20))
        #expect(seconds < 2.5, "took \(seconds) s")
    }

    @Test func aBodyTrickledPastTheDeadlineTimesOutWithinTimeoutPlusOneAndAHalfSeconds() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "Content-Length: 1000\r\n\r\n", chunk: Array("x".utf8),
                                                         count: nil, intervalMilliseconds: 100)])
        defer { server.stop() }
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 1).send(server.origin + "/slow") }
        #expect(result.kind == .timeout)
        #expect(result.message == "no complete reply within 1 s")
        #expect(seconds >= 0.9 && seconds < 2.5, "took \(seconds) s")
    }

    @Test func headersTrickledWithoutEndTimeOutWithinTimeoutPlusOneAndAHalfSeconds() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead, chunk: Array("X-Slow: 1\r\n".utf8),
                                                         count: nil, intervalMilliseconds: 50)])
        defer { server.stop() }
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 1).send(server.origin + "/slow") }
        #expect(result.kind == .timeout)
        #expect(seconds >= 0.9 && seconds < 2.5, "took \(seconds) s")
    }

    @Test func aFloodOfHeadersHitsTheHeaderCapWithinTheTimeout() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead, chunk: Array("X-Flood: aaaaaaaaaaaaaaaa\r\n".utf8),
                                                         count: nil, intervalMilliseconds: 0)])
        defer { server.stop() }
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 5).send(server.origin + "/flood") }
        #expect(result.kind == .tooLarge)
        #expect(result.message == "the reply has more than 200 header lines")
        #expect(seconds < 5, "took \(seconds) s")
    }

    @Test func oneEndlessHeaderLineHitsTheHeaderCapWithinTheTimeout() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "X-Long: ", chunk: [UInt8](repeating: 0x61, count: 4096),
                                                         count: nil, intervalMilliseconds: 0)])
        defer { server.stop() }
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 5).send(server.origin + "/flood") }
        #expect(result.kind == .tooLarge)
        #expect(result.message == "the reply's headers exceed 64 KiB")
        #expect(seconds < 5, "took \(seconds) s")
    }

    @Test func anEndlessBodyHitsTheSizeCapWithinTheTimeout() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "\r\n", chunk: [UInt8](repeating: 0x30, count: 16 * 1024),
                                                         count: nil, intervalMilliseconds: 0)])
        defer { server.stop() }
        let url = server.origin + "/endless"
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 5, maxBodySize: 1 << 20).send(url) }
        #expect(result.kind == .tooLarge)
        #expect(result.message == "the reply from \(url) is larger than 1 MiB")
        #expect(seconds < 5, "took \(seconds) s")
    }

    @Test func anEndlessSlowBodyTimesOutWithinTimeoutPlusOneAndAHalfSeconds() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "\r\n", chunk: Array("0123456789".utf8),
                                                         count: nil, intervalMilliseconds: 20)])
        defer { server.stop() }
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 1).send(server.origin + "/endless") }
        #expect(result.kind == .timeout)
        #expect(seconds >= 0.9 && seconds < 2.5, "took \(seconds) s")
    }

    @Test func aContentLengthLargerThanTheCapIsRefusedBeforeReading() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "Content-Length: 9000000\r\n\r\n", chunk: [],
                                                         count: 0, intervalMilliseconds: 0)])
        defer { server.stop() }
        let url = server.origin + "/x.crl"
        let result = Result { () throws(NetworkError) in try HTTPCRLFetcher(proxies: .none).client.send(url) }
        #expect(result.message == "the reply from \(url) is larger than 8 MiB")
    }

    @Test func aBodyShorterThanItsContentLengthIsAnErrorNamingTheURL() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "Content-Length: 1000\r\n\r\n", chunk: Array("short".utf8),
                                                         count: 1, intervalMilliseconds: 0)])
        defer { server.stop() }
        let url = server.origin + "/lie.crl"
        let result = Result { () throws(NetworkError) in try testClient().send(url) }
        #expect(result.kind == .truncated)
        #expect(result.message == "the reply from \(url) ends after 5 of 1000 bytes (Content-Length)")
    }

    @Test func aChunkedBodyIsDecodedAndACutOneIsAnError() throws {
        let chunked = Self.okHead + "Transfer-Encoding: chunked\r\n\r\n"
        let server = try LoopbackHTTPServer([
            "whole": .stream(head: chunked + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n", chunk: [], count: 0, intervalMilliseconds: 0),
            "cut": .stream(head: chunked + "5\r\nhello\r\n", chunk: [], count: 0, intervalMilliseconds: 0),
        ])
        defer { server.stop() }
        #expect(try testClient().send(server.origin + "/whole/x") == Array("hello, world".utf8))
        let cut = Result { () throws(NetworkError) in try testClient().send(server.origin + "/cut/x") }
        #expect(cut.kind == .truncated)
        #expect(cut.message == "the chunked reply from \(server.origin)/cut/x ends before its last chunk")
    }

    @Test(arguments: ["-0", "+5", "0x5", " "])
    func aChunkSizeThatIsNotHexDigitsIsRefused(size: String) throws {
        // "-0" would otherwise end the body early, "+5" read five bytes: a chunk size is 1*HEXDIG.
        let head = Self.okHead + "Transfer-Encoding: chunked\r\n\r\n" + "\(size)\r\nhello\r\n0\r\n\r\n"
        let server = try LoopbackHTTPServer(["": .stream(head: head, chunk: [], count: 0, intervalMilliseconds: 0)])
        defer { server.stop() }
        let result = Result { () throws(NetworkError) in try testClient().send(server.origin + "/x") }
        #expect(result.kind == .malformedReply)
        #expect(result.message == "an invalid chunk size in the reply")
    }

    @Test func aBodyWithoutLengthEndsWhenTheConnectionCloses() throws {
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "\r\n", chunk: Array("part".utf8), count: 3, intervalMilliseconds: 20)])
        defer { server.stop() }
        #expect(try testClient().send(server.origin + "/x") == Array("partpartpart".utf8))
    }

    @Test(arguments: [("/new/ibm.crl", "/new/ibm.crl"), ("ibm.crl", "/old/ibm.crl"), ("../new/./ibm.crl", "/new/ibm.crl"),
                      ("//127.0.0.1:PORT/new/ibm.crl", "/new/ibm.crl")])
    func relativeRedirectsAreResolvedAgainstTheCurrentURL(location: String, expected: String) throws {
        let server = try LoopbackHTTPServer(["new": .serve(directory: upstream)])
        defer { server.stop() }
        let resolved = location.replacingOccurrences(of: "PORT", with: "\(server.port)")
        // /old/redirect redirects; /old/ibm.crl (a name relative to /old/) is served.
        server.set("old", .redirectTo(location: resolved))
        if expected.hasPrefix("/old/") { server.set("old", .serve(directory: upstream)); server.set("", .redirectTo(location: "old/ibm.crl")) }
        let start = expected.hasPrefix("/old/") ? "/start" : "/old/start"
        #expect(try testClient().send(server.origin + start) == Fixture.bytes("pv/cert/ibm.crl"))
        #expect(server.requestedPaths == [start, expected])
    }

    @Test func moreThanTenRedirectsAreRefused() throws {
        let server = try LoopbackHTTPServer(["loop": .redirect(toPrefix: "loop")])
        defer { server.stop() }
        let result = Result { () throws(NetworkError) in try testClient().send(server.origin + "/loop/x.crl") }
        #expect(result.kind == .redirect)
        #expect(result.message == "more than 10 redirects")
        #expect(server.requestedPaths.count == 11)
    }

    @Test func notFoundIsAnHTTPStatusError() throws {
        let server = try LoopbackHTTPServer(["": .notFound])
        defer { server.stop() }
        let result = Result { () throws(NetworkError) in try testClient().send(server.origin + "/x.crl") }
        #expect(result.kind == .httpStatus(404))
        #expect(result.message == "the server responded with HTTP status 404")
    }

    @Test func anyTimeoutACallerGivesIsAccepted() throws {
        // Public API: an infinite timeout or notice delay must not trap converting to milliseconds.
        let server = try LoopbackHTTPServer(["": .serve(directory: upstream), "hang": .hang])
        defer { server.stop() }
        var endless = testClient(timeout: .infinity, observer: EventLog().observer)
        endless.noticeAfterSeconds = .infinity
        #expect(try endless.send(server.origin + "/ibm.crl") == Fixture.bytes("pv/cert/ibm.crl"))
        for timeout in [Double.nan, -1] {   // no time at all: the server that never answers is given none
            let result = Result { () throws(NetworkError) in try testClient(timeout: timeout).send(server.origin + "/hang/x") }
            #expect(result.message == "no complete reply within 0 s")
        }
    }

    @Test func aRefusedConnectionFailsAtOnceWithin2Seconds() throws {
        let server = try LoopbackHTTPServer([:])
        server.stop()
        let (result, seconds) = timed { () throws(NetworkError) in try testClient(timeout: 5).send(server.origin + "/x.crl") }
        #expect(result.kind == .connect)
        #expect(seconds < 2, "took \(seconds) s")
    }

    @Test(arguments: ["inter_ca.crl", "ftp://127.0.0.1/x.crl", "http://user:secret@127.0.0.1/x", "http://127.0.0.1:99999/x",
                      "http://127.0.0.1/a b", "http:///x", "http://127.0.0.1:+80/x"])
    func whatIsNotAnHTTPURLIsRefused(url: String) {
        let result = Result { () throws(NetworkError) in try testClient().send(url) }
        #expect(result.kind == .invalidURL)
    }

    @Test func aDownloadStillRunningAfterTheNoticeDelayIsReportedOnceAndTheExchangeIsTraced() throws {
        // The notice delay is 0.2 s here; the body takes about 0.6 s of a 3 s deadline.
        let server = try LoopbackHTTPServer(["": .stream(head: Self.okHead + "Content-Length: 3\r\n\r\n", chunk: Array("x".utf8),
                                                         count: 3, intervalMilliseconds: 200)])
        defer { server.stop() }
        let log = EventLog()
        var client = testClient(timeout: 3, observer: log.observer)
        client.noticeAfterSeconds = 0.2
        let url = server.origin + "/slow.crl"
        _ = try client.send(url)
        let events = log.all
        #expect(events.filter { if case .slow(url) = $0 { true } else { false } }.count == 1)
        let request = events.compactMap { if case .requestHead(_, let lines) = $0 { lines } else { nil } }.first
        #expect(request?.first == "GET /slow.crl HTTP/1.1")
        #expect(request?.contains("Host: 127.0.0.1:\(server.port)") == true)
        let reply = events.compactMap { if case .replyHead(_, let lines) = $0 { lines } else { nil } }.first
        #expect(reply == ["HTTP/1.1 200 OK", "Content-Length: 3"])
        guard case .finished(url, 200, 3, let milliseconds)? = events.last else { Issue.record("\(events)"); return }
        #expect(milliseconds >= 400)
    }
}

/// Proxies as the environment names them: absolute-form requests to an http:// proxy, no_proxy.
@Suite struct ProxyTests {
    @Test func anHTTPURLGoesThroughTheProxyInAbsoluteFormUnlessNoProxyNamesItsDomain() throws {
        // The loopback server plays the proxy: an absolute request target starts with "http:".
        let proxy = try LoopbackHTTPServer(["http:": .serve(directory: Fixture.path("pv/cert"))])
        defer { proxy.stop() }
        let settings = ProxySettings(http: "127.0.0.1:\(proxy.port)", noProxy: [".example.invalid"])
        #expect(try testClient(proxies: settings).send("http://crl.test.invalid/ibm.crl") == Fixture.bytes("pv/cert/ibm.crl"))
        #expect(proxy.requestedPaths == ["http://crl.test.invalid/ibm.crl"])
        let direct = Result { () throws(NetworkError) in try testClient(proxies: settings).send("http://crl.example.invalid/ibm.crl") }
        #expect(direct.kind == .connect)   // not through the proxy: the name does not resolve
        #expect(proxy.requestedPaths.count == 1)
    }

    @Test func aProxyWithCredentialsIsRefusedWithoutShowingThem() {
        let settings = ProxySettings(http: "http://user:secret@127.0.0.1:3128")
        let result = Result { () throws(NetworkError) in try testClient(proxies: settings).send("http://crl.test.invalid/x.crl") }
        #expect(result.kind == .proxy)
        #expect(result.message == "the proxy in http_proxy is not an http:// proxy without credentials")
    }
}
