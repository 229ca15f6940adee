/// se-attest's one HTTP(S) client: CRL downloads (GET) and the firmware verification service
/// (POST) share it. Its own small HTTP/1.1 over non-blocking sockets, with OpenSSL only for TLS,
/// because what it must guarantee is about the server misbehaving: the body is read whole or the
/// call fails, every size the server controls is capped, and one deadline covers the whole call
/// (name resolution, connect, handshake, request, headers, body, redirects), so a trickling,
/// flooding or silent server cannot keep it past its timeout. libcurl would add start-up cost
/// to every command and a build dependency; OpenSSL's own client lost bytes and ignored caps.
public struct HTTPClient: Sendable {
    /// A request body and its media type; a request with a body is a POST.
    public struct Body: Sendable {
        /// The request body, sent as is with its Content-Length.
        public let bytes: [UInt8]
        /// The Content-Type header's value.
        public let contentType: String

        /// A body makes the request a POST (a 303 redirect turns it into a GET without it).
        public init(bytes: [UInt8], contentType: String) {
            self.bytes = bytes
            self.contentType = contentType
        }
    }

    /// The User-Agent header, so that a service's operators can tell se-attest's calls apart.
    public var userAgent: String
    /// Seconds allowed for one call, redirects included.
    public var timeoutSeconds: Double
    /// The largest body accepted.
    public var maxBodySize: Int
    /// Redirects followed before giving up.
    public var maxRedirects = 10
    /// Whether a redirect from https to http is followed (only for content that is signed).
    public var allowsHTTPSDowngrade = false
    /// A PEM file of CA certificates for HTTPS servers instead of the system trust store (tests).
    public var tlsTrustFile: String?
    /// The proxies to connect through; `.none` for direct connections.
    public var proxies: ProxySettings
    /// Sees the call's events; nil for none.
    public var observer: NetworkObserver?
    /// When a call still running gets its `.slow` event.
    public var noticeAfterSeconds = 1.0

    /// `timeoutSeconds` bounds each call as a whole; `maxBodySize` is in bytes.
    public init(userAgent: String, timeoutSeconds: Double, maxBodySize: Int, tlsTrustFile: String? = nil,
                proxies: ProxySettings = .fromEnvironment(), observer: NetworkObserver? = nil) {
        self.userAgent = userAgent
        self.timeoutSeconds = timeoutSeconds
        self.maxBodySize = maxBodySize
        self.tlsTrustFile = tlsTrustFile
        self.proxies = proxies
        self.observer = observer
    }

    /// The body of the HTTP 200 reply to GET `url`, or to POST `body` with `headers` when given.
    /// Any other final status, a transport failure or the deadline passing throws.
    public func send(_ url: String, body: Body? = nil, headers: [(name: String, value: String)] = []) throws(NetworkError) -> [UInt8] {
        let observer = self.observer
        let deadline = Deadline(timeoutMilliseconds: Self.milliseconds(timeoutSeconds),
                                noticeAfterMilliseconds: observer == nil ? nil : Self.milliseconds(noticeAfterSeconds)) {
            observer?(.slow(url: url))
        }
        observer?(.started(url: url))
        do throws(NetworkError) {
            var current = try HTTPURL(url)
            var body = body
            var redirects = 0
            while true {
                let exchange = try Exchange(client: self, url: current, deadline: deadline)
                let (head, reply) = try exchange.run(body: body, headers: headers)
                guard [301, 302, 303, 307, 308].contains(head.status) else {
                    guard head.status == 200 else {
                        throw NetworkError(.httpStatus(head.status), "the server responded with HTTP status \(head.status)")
                    }
                    observer?(.finished(url: url, status: head.status, bytes: reply.count, milliseconds: deadline.elapsedMilliseconds))
                    return reply
                }
                redirects += 1
                guard redirects <= maxRedirects else { throw NetworkError(.redirect, "more than \(maxRedirects) redirects") }
                guard let location = head.field("location") else {
                    throw NetworkError(.redirect, "a redirect (HTTP status \(head.status)) without a location")
                }
                let target = try current.resolving(location)
                if current.isTLS && !target.isTLS && !allowsHTTPSDowngrade {
                    throw NetworkError(.insecureRedirect, "refused a redirect from https to \(target.text)")
                }
                observer?(.redirected(url: current.text, target: target.text))
                if head.status == 303 { body = nil }
                current = target
            }
        } catch {
            observer?(.failed(url: url, error: error, milliseconds: deadline.elapsedMilliseconds))
            throw error
        }
    }
}

extension HTTPClient {
    /// Whole milliseconds that cannot trap: NaN and negatives are 0, anything above 10⁹ s (infinity
    /// too) is 10⁹ s, which the deadline's nanoseconds still hold.
    fileprivate static func milliseconds(_ seconds: Double) -> Int { seconds > 0 ? Int(min(seconds, 1e9) * 1000) : 0 }
}

/// One request and its reply, without following redirects: connection (through a proxy if the
/// environment names one), TLS, request, head, and the body of a 200.
private struct Exchange {
    let client: HTTPClient
    let url: HTTPURL
    let connection: Connection
    /// Whether the request goes to a plain-http proxy in absolute form.
    let viaHTTPProxy: Bool

    init(client: HTTPClient, url: HTTPURL, deadline: Deadline) throws(NetworkError) {
        self.client = client
        self.url = url
        let proxy = try client.proxies.proxy(for: url)
        // TLS is set up first: what cannot work fails before anything is sent.
        let tls = url.isTLS ? try TLSSession(host: url.host, trustFile: client.tlsTrustFile) : nil
        let endpoint = proxy ?? url
        connection = try Connection(host: endpoint.host, port: endpoint.port, deadline: deadline)
        viaHTTPProxy = proxy != nil && !url.isTLS
        if let tls {
            if let proxy { try tunnel(through: proxy) }
            try connection.startTLS(tls)
        }
    }

    func run(body: HTTPClient.Body?, headers: [(name: String, value: String)]) throws(NetworkError) -> (ResponseReader.Head, [UInt8]) {
        var lines = ["\(body == nil ? "GET" : "POST") \(viaHTTPProxy ? url.text : url.target) HTTP/1.1",
                     "Host: \(url.authority)", "User-Agent: \(client.userAgent)", "Accept: */*", "Connection: close"]
        lines += headers.map { "\($0.name): \($0.value)" }
        if let body { lines += ["Content-Type: \(body.contentType)", "Content-Length: \(body.bytes.count)"] }
        let head = try exchangeHead(lines, body: body?.bytes ?? [])
        var reader = head.reader
        let reply = head.head.status == 200 ? try reader.body(after: head.head, limit: client.maxBodySize) : []
        return (head.head, reply)
    }

    /// CONNECT through `proxy` to the URL's host and port; the TLS handshake follows on the tunnel.
    private func tunnel(through proxy: HTTPURL) throws(NetworkError) {
        let reply = try exchangeHead(["CONNECT \(url.hostAndPort) HTTP/1.1", "Host: \(url.hostAndPort)",
                                      "User-Agent: \(client.userAgent)"], body: [])
        guard (200..<300).contains(reply.head.status), !reply.reader.hasUnreadBytes else {
            throw NetworkError(.proxy, "the proxy \(proxy.authority) refused a tunnel to \(url.hostAndPort) (HTTP status \(reply.head.status))")
        }
    }

    /// Sends the request head `lines` and `body`, and reads the reply's head.
    private func exchangeHead(_ lines: [String], body: [UInt8]) throws(NetworkError) -> (head: ResponseReader.Head, reader: ResponseReader) {
        client.observer?(.requestHead(url: url.text, lines: lines))
        try connection.write(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body)
        var reader = ResponseReader(connection: connection, url: url.text)
        let head = try reader.head()
        client.observer?(.replyHead(url: url.text, lines: head.lines))
        return (head, reader)
    }
}
