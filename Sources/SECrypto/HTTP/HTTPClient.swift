internal import CSEOpenSSL
internal import CSEOpenSSLShims

/// se-attest's one HTTP(S) client, over OpenSSL's own (OSSL_HTTP_*): CRL downloads (GET) and
/// the firmware verification service (POST) share it.
///
/// Why this client: libcrypto is linked anyway and its client does all these calls need (GET
/// and POST, timeouts, proxies from the environment, size limit); HTTPS only adds libssl, which
/// depends on nothing but libcrypto. Every command pays at start-up for what is linked, download
/// or not: measured with callgrind on an empty C program linked like se-attest (Debian 12),
/// libcrypto alone costs 2.6 M instructions, plus libssl 3.1 M, plus libcurl instead 10.6 M (29
/// more shared libraries, and a new -dev build dependency). FoundationNetworking (itself over
/// libcurl) would add Foundation's start-up and size on top. TLS verifies the server against the
/// system trust store, as libcurl does for pvattest.
///
/// Redirects are followed here rather than inside OpenSSL, so that each hop's TLS connection
/// gets the right server name (IBM's CRL links redirect to another host).
struct HTTPClient: Sendable {
    /// A request body and its media type; a request with a body is a POST.
    struct Body: Sendable {
        let bytes: [UInt8]
        let contentType: String
    }

    let userAgent: String
    /// Seconds allowed for the whole call, redirects included.
    let timeoutSeconds: Int
    /// A PEM file of CA certificates for HTTPS servers instead of the system trust store (tests).
    let tlsTrustFile: String?
    let maxRedirects: Int
    let maxResponseSize: Int

    init(userAgent: String, timeoutSeconds: Int, tlsTrustFile: String? = nil, maxRedirects: Int, maxResponseSize: Int) {
        self.userAgent = userAgent
        self.timeoutSeconds = max(1, timeoutSeconds)
        self.tlsTrustFile = tlsTrustFile
        self.maxRedirects = maxRedirects
        self.maxResponseSize = maxResponseSize
    }

    /// The body of the HTTP 200 reply to GET `url`, or to POST `body` with `headers` when given.
    /// Any other status, a transport failure or the time running out throws.
    func send(_ url: String, body: Body? = nil, headers: [(name: String, value: String)] = []) throws(CryptoError) -> [UInt8] {
        let deadline = time(nil) + time_t(timeoutSeconds)
        var current = url
        for _ in 0...maxRedirects {
            let remaining = Int32(deadline - time(nil))
            guard remaining > 0 else { throw CryptoError(.openssl, "timed out after \(timeoutSeconds) s") }
            switch try exchange(current, body: body, headers: headers, timeout: remaining) {
            case .body(let bytes): return bytes
            case .redirect(let target): current = target
            }
        }
        throw CryptoError(.openssl, "more than \(maxRedirects) redirects")
    }

    private enum Response { case body([UInt8]), redirect(String) }

    /// One request without following redirects.
    private func exchange(_ url: String, body: Body?, headers extraHeaders: [(name: String, value: String)],
                          timeout: Int32) throws(CryptoError) -> Response {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        guard scheme == "http" || scheme == "https", url.dropFirst(scheme.count).hasPrefix("://") else {
            throw CryptoError(.decodingFailed, "not an http:// or https:// URL")
        }
        var useTLS: Int32 = 0
        var host: UnsafeMutablePointer<CChar>?, port: UnsafeMutablePointer<CChar>?
        var path: UnsafeMutablePointer<CChar>?, query: UnsafeMutablePointer<CChar>?
        guard OSSL_HTTP_parse_url(url, &useTLS, nil, &host, &port, nil, &path, &query, nil) == 1,
              let host, let port, let path else {
            throw .openssl(.decodingFailed, "not an http:// or https:// URL")
        }
        defer { for part in [host, port, path, query] { cse_openssl_free(part) } }
        var target = String(cString: path)
        if let query, query.pointee != 0 { target += "?" + String(cString: query) }

        var tls: TLSConnection?
        if useTLS != 0 { tls = try TLSConnection(host: String(cString: host), trustFile: tlsTrustFile) }
        let argument = tls.map { Unmanaged.passUnretained($0).toOpaque() }
        return try withExtendedLifetime(tls) { () throws(CryptoError) -> Response in
            var headers: OpaquePointer?
            defer { cse_http_headers_free(headers) }
            for header in [("User-Agent", userAgent)] + extraHeaders.map({ ($0.name, $0.value) }) {
                guard X509V3_add_value(header.0, header.1, &headers) == 1 else {
                    throw .openssl(.openssl, "cannot build the HTTP request")
                }
            }
            // The body is copied into a BIO of OpenSSL's own, so nothing borrows Swift memory;
            // the request context keeps its own reference until OSSL_HTTP_close.
            var content: OpaquePointer?
            defer { BIO_free(content) }
            if let body {
                content = BIO_new(BIO_s_mem())
                guard let content, body.bytes.withUnsafeBytes({ BIO_write(content, $0.baseAddress, Int32(clamping: $0.count)) }) == Int32(body.bytes.count) else {
                    throw .openssl(.openssl, "cannot build the HTTP request")
                }
            }
            guard let request = OSSL_HTTP_open(host, port, nil, nil, useTLS, nil, nil,
                                               tls == nil ? nil : tlsConnect, argument, 0, timeout) else {
                throw .openssl(.openssl, "cannot connect")
            }
            var ok: Int32 = 0
            defer { OSSL_HTTP_close(request, ok) }
            guard OSSL_HTTP_set1_request(request, target, headers, body?.contentType, content, nil, 0,
                                         maxResponseSize, timeout, 0) == 1 else {
                throw .openssl(.openssl, "cannot send the request")
            }
            var redirect: UnsafeMutablePointer<CChar>?
            guard let reply = OSSL_HTTP_exchange(request, &redirect) else {
                if let redirect {
                    defer { cse_openssl_free(redirect) }
                    ok = 1
                    ERR_clear_error()
                    return .redirect(String(cString: redirect))
                }
                throw Self.failure()
            }
            defer { BIO_free(reply) }
            ok = 1
            return .body(readAll(reply))
        }
    }

    /// Why OSSL_HTTP_exchange gave nothing: an HTTP status other than 200 is named as such
    /// (OpenSSL keeps it only in the error's data, "code=500,reason=…").
    private static func failure() -> CryptoError {
        var data: UnsafePointer<CChar>?
        let code = ERR_peek_error_all(nil, nil, nil, &data, nil)
        let detail = data.map { String(cString: $0) } ?? ""
        guard ERR_GET_LIB(code) == ERR_LIB_HTTP, detail.hasPrefix("code=") else {
            return .openssl(.openssl, "no reply received")
        }
        let fields = detail.dropFirst(5).split(separator: ",", maxSplits: 1)
        let status = fields.first.map(String.init) ?? ""
        let reason = fields.count > 1 && fields[1].hasPrefix("reason=") ? " (\(fields[1].dropFirst(7)))" : ""
        return .openssl(.openssl, "the server responded with HTTP status \(status)\(reason)")
    }

    private func readAll(_ bio: OpaquePointer) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { break }
            bytes += chunk.prefix(Int(count))
        }
        return bytes
    }
}

/// The TLS side of one HTTPS hop: client context, server name indication and host-name check.
/// Everything that can fail is set up here, where it can throw; connecting only puts the ready
/// SSL filter on top of the plain connection.
private final class TLSConnection {
    let context: OpaquePointer
    /// The SSL filter BIO, which owns its SSL; ours until `wrap` hands it to the connection.
    private let filter: OpaquePointer
    private var handedOver = false

    init(host: String, trustFile: String?) throws(CryptoError) {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .openssl(.openssl, "cannot set up TLS") }
        guard let filter = BIO_new(BIO_f_ssl()) else {
            SSL_CTX_free(context)
            throw .openssl(.openssl, "cannot set up TLS")
        }
        self.context = context
        self.filter = filter   // from here on, deinit frees both when init throws
        let trusted = trustFile.map { SSL_CTX_load_verify_locations(context, $0, nil) }
            ?? SSL_CTX_set_default_verify_paths(context)
        guard trusted == 1 else { throw .openssl(.openssl, "cannot load the TLS trust store") }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)   // before SSL_new, which copies the mode
        guard let ssl = SSL_new(context) else { throw .openssl(.openssl, "cannot set up TLS") }
        guard cse_bio_set_ssl(filter, ssl) == 1 else {
            SSL_free(ssl)
            throw .openssl(.openssl, "cannot set up TLS")
        }
        // The filter owns ssl now. A literal IP address is checked against the certificate's IP
        // entries and sent without server name indication (RFC 6066); a host name is checked
        // and sent as SNI.
        let isAddress = host.contains(":") || host.allSatisfy { $0 == "." || $0.isNumber }
        let named = isAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1
            : SSL_set1_host(ssl, host) == 1 && cse_ssl_set_tlsext_host_name(ssl, host) == 1
        guard named else { throw .openssl(.openssl, "cannot set up TLS for \(host)") }
        SSL_set_connect_state(ssl)
    }

    deinit {
        if !handedOver { BIO_free(filter) }
        SSL_CTX_free(context)
    }

    /// Puts the SSL filter on top of the plain connection; the connection's chain owns it then.
    func wrap(_ connection: OpaquePointer) -> OpaquePointer? {
        guard !handedOver else { return nil }
        handedOver = true
        return BIO_push(filter, connection)
    }
}

/// OSSL_HTTP_bio_cb_t: on connecting with TLS, wrap the connection. On disconnecting, the chain
/// is returned as is and freed whole by OSSL_HTTP_close.
private let tlsConnect: OSSL_HTTP_bio_cb_t = { bio, argument, connect, detail in
    guard let bio, let argument, connect != 0, detail != 0 else { return bio }
    return Unmanaged<TLSConnection>.fromOpaque(argument).takeUnretainedValue().wrap(bio)
}
