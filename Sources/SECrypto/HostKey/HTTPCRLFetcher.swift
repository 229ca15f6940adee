internal import CSEOpenSSL
internal import CSEOpenSSLShims

/// Downloads CRLs over HTTP and HTTPS with OpenSSL's own HTTP client (OSSL_HTTP_*).
///
/// Why this client: libcrypto is linked anyway and its client does all a CRL needs (GET,
/// timeouts, proxies from the environment, size limit); HTTPS only adds libssl, which depends on
/// nothing but libcrypto, so commands that never download pay for one small shared library.
/// libcurl would add a Debian build dependency and some twenty shared libraries loaded by every
/// command; FoundationNetworking (itself over libcurl) would add Foundation's start-up and size.
/// CRLs are signed, so the transport needs no trust of its own; TLS still verifies the server
/// against the system trust store, as libcurl does for pvattest.
///
/// Redirects are followed here rather than inside OSSL_HTTP_get, so that each hop's TLS
/// connection gets the right server name (IBM's CRL links redirect to another host).
public struct HTTPCRLFetcher: CRLFetching {
    /// Seconds allowed for one URL, redirects included (pvattest: 3).
    public let timeoutSeconds: Int
    /// A PEM file of CA certificates for HTTPS servers instead of the system trust store (tests).
    public let tlsTrustFile: String?

    static let maxRedirects = 10
    static let maxResponseSize = 32 * 1024 * 1024

    public init(timeoutSeconds: Int = 3, tlsTrustFile: String? = nil) {
        self.timeoutSeconds = max(1, timeoutSeconds)
        self.tlsTrustFile = tlsTrustFile
    }

    public func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        let deadline = time(nil) + time_t(timeoutSeconds)
        var current = url
        for _ in 0...Self.maxRedirects {
            let remaining = Int32(deadline - time(nil))
            guard remaining > 0 else { throw CryptoError(.openssl, "timed out after \(timeoutSeconds) s") }
            switch try get(current, timeout: remaining) {
            case .body(let bytes): return bytes
            case .redirect(let target): current = target
            }
        }
        throw CryptoError(.openssl, "more than \(Self.maxRedirects) redirects")
    }

    private enum Response { case body([UInt8]), redirect(String) }

    /// One GET without following redirects.
    private func get(_ url: String, timeout: Int32) throws(CryptoError) -> Response {
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
            guard X509V3_add_value("User-Agent", "se-attest-crl", &headers) == 1 else {
                throw .openssl(.openssl, "cannot build the HTTP request")
            }
            guard let request = OSSL_HTTP_open(host, port, nil, nil, useTLS, nil, nil,
                                               tls == nil ? nil : tlsConnect, argument, 0, timeout) else {
                throw .openssl(.openssl, "cannot connect")
            }
            var ok: Int32 = 0
            defer { OSSL_HTTP_close(request, ok) }
            guard OSSL_HTTP_set1_request(request, target, headers, nil, nil, nil, 0,
                                         Self.maxResponseSize, timeout, 0) == 1 else {
                throw .openssl(.openssl, "cannot send the request")
            }
            var redirect: UnsafeMutablePointer<CChar>?
            guard let body = OSSL_HTTP_exchange(request, &redirect) else {
                if let redirect {
                    defer { cse_openssl_free(redirect) }
                    ok = 1
                    ERR_clear_error()
                    return .redirect(String(cString: redirect))
                }
                throw .openssl(.openssl, "no CRL received")
            }
            defer { BIO_free(body) }
            ok = 1
            return .body(readAll(body))
        }
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
private final class TLSConnection {
    let context: OpaquePointer
    let host: String

    init(host: String, trustFile: String?) throws(CryptoError) {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .openssl(.openssl, "cannot set up TLS") }
        self.context = context
        self.host = host
        let trusted = trustFile.map { SSL_CTX_load_verify_locations(context, $0, nil) }
            ?? SSL_CTX_set_default_verify_paths(context)
        guard trusted == 1 else { throw .openssl(.openssl, "cannot load the TLS trust store") }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    }

    deinit { SSL_CTX_free(context) }

    /// Puts an SSL filter BIO on top of the plain connection.
    func wrap(_ connection: OpaquePointer) -> OpaquePointer? {
        guard let ssl = SSL_new(context) else { return nil }
        // A literal IP address is checked against the certificate's IP entries and sent without
        // server name indication (RFC 6066); a host name is checked and sent as SNI.
        let isAddress = host.contains(":") || host.allSatisfy { $0 == "." || $0.isNumber }
        let named = isAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1
            : SSL_set1_host(ssl, host) == 1 && cse_ssl_set_tlsext_host_name(ssl, host) == 1
        guard named, let filter = BIO_new(BIO_f_ssl()) else {
            SSL_free(ssl)
            return nil
        }
        SSL_set_connect_state(ssl)
        _ = cse_bio_set_ssl(filter, ssl)   // the filter now owns ssl
        return BIO_push(filter, connection)
    }
}

/// OSSL_HTTP_bio_cb_t: on connecting with TLS, wrap the connection. On disconnecting, the chain
/// is returned as is and freed whole by OSSL_HTTP_close.
private let tlsConnect: OSSL_HTTP_bio_cb_t = { bio, argument, connect, detail in
    guard let bio, let argument, connect != 0, detail != 0 else { return bio }
    return Unmanaged<TLSConnection>.fromOpaque(argument).takeUnretainedValue().wrap(bio)
}
