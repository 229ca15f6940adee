internal import CSEOpenSSL
internal import CSETLSShims
import SECrypto

/// TLS for one connection, over memory BIOs: OpenSSL encrypts and decrypts in memory and the
/// connection moves the bytes, so every wait is the connection's (under the deadline) and no
/// OpenSSL call ever blocks. The server's certificate is verified against the system trust
/// store (or a test CA file) and its name against the host.
final class TLSSession {
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    /// Owned by `ssl` (cse_ssl_set_bio); kept to move bytes in and out.
    private let incoming: OpaquePointer
    private let outgoing: OpaquePointer
    private let host: String
    /// Whether the server ended the stream with close_notify, which only it can send; a bare TCP
    /// close may be anyone's.
    private(set) var receivedCloseNotify = false

    init(host: String, trustFile: String?) throws(NetworkError) {
        self.host = host
        var reason = [CChar](repeating: 0, count: 512)
        guard cse_tls_load(&reason, reason.count) == 1 else {
            throw NetworkError(.tls, String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let context = cse_ssl_ctx_new_client() else { throw Self.failure("cannot set up TLS") }
        guard let ssl = cse_ssl_new(context), let incoming = BIO_new(BIO_s_mem()), let outgoing = BIO_new(BIO_s_mem()) else {
            cse_ssl_ctx_free(context)
            throw Self.failure("cannot set up TLS")
        }
        cse_ssl_set_bio(ssl, incoming, outgoing)
        self.context = context
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing   // from here on, deinit frees everything when init throws
        let trusted = trustFile.map { cse_ssl_ctx_load_verify_locations(context, $0) } ?? cse_ssl_ctx_set_default_verify_paths(context)
        guard trusted == 1 else { throw Self.failure("cannot load the TLS trust store") }
        cse_ssl_set_verify_peer(ssl)
        // A literal IP address is checked against the certificate's IP entries and sent without
        // server name indication (RFC 6066); a host name is checked and sent as SNI.
        let isAddress = host.contains(":") || host.allSatisfy { $0 == "." || $0.isNumber }
        let named = isAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(cse_ssl_get0_param(ssl), host) == 1
            : cse_ssl_set1_host(ssl, host) == 1 && cse_ssl_set_tlsext_host_name(ssl, host) == 1
        guard named else { throw Self.failure("cannot set up TLS for \(host)") }
        _ = cse_ssl_set_nonblocking_modes(ssl)
        cse_ssl_set_connect_state(ssl)
    }

    deinit {
        cse_ssl_free(ssl)
        cse_ssl_ctx_free(context)
    }

    func handshake(over connection: Connection) throws(NetworkError) {
        _ = try drive(over: connection, endOfStream: "the server closed the connection during the TLS handshake") { cse_ssl_do_handshake(ssl) }
    }

    func write(_ bytes: [UInt8], over connection: Connection) throws(NetworkError) {
        var sent = 0
        while sent < bytes.count {
            let count = try drive(over: connection, endOfStream: "the server closed the connection") {
                bytes[sent...].withUnsafeBytes { cse_ssl_write(ssl, $0.baseAddress, Int32(clamping: $0.count)) }
            }
            sent += Int(count)
        }
    }

    /// Up to `maximum` decrypted bytes, at least one; empty at the end of the stream (close_notify
    /// or the connection closing: whether the body is complete is for the HTTP framing to say).
    func read(maximum: Int, over connection: Connection) throws(NetworkError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        let count = try drive(over: connection, endOfStream: nil) {
            buffer.withUnsafeMutableBytes { cse_ssl_read(ssl, $0.baseAddress, Int32(clamping: $0.count)) }
        }
        return Array(buffer.prefix(Int(count)))
    }

    /// Calls `operation` until it makes progress, moving encrypted bytes between the memory
    /// BIOs and the socket as OpenSSL asks. Returns 0 at the end of the stream when
    /// `endOfStream` is nil, else throws it.
    private func drive(over connection: Connection, endOfStream: String?, _ operation: () -> Int32) throws(NetworkError) -> Int32 {
        while true {
            ERR_clear_error()
            let result = operation()
            try flush(to: connection)
            if result > 0 { return result }
            switch cse_ssl_get_error(ssl, result) {
            case SSL_ERROR_WANT_READ:
                let bytes = try connection.readSocket(maximum: 16 * 1024)
                guard !bytes.isEmpty else {
                    if let endOfStream { throw NetworkError(.tls, endOfStream) }
                    return 0
                }
                guard bytes.withUnsafeBytes({ BIO_write(incoming, $0.baseAddress, Int32($0.count)) }) == Int32(bytes.count) else {
                    throw Self.failure("cannot buffer TLS data")
                }
            case SSL_ERROR_WANT_WRITE:
                continue   // memory BIOs take everything; flush above made room
            case SSL_ERROR_ZERO_RETURN where endOfStream == nil:
                receivedCloseNotify = true
                return 0
            default:
                let verification = cse_ssl_get_verify_result(ssl)
                let reason = verification == X509_V_OK ? "" : ": " + String(cString: X509_verify_cert_error_string(verification))
                throw Self.failure("TLS with \(host) failed\(reason)")
            }
        }
    }

    /// Sends what OpenSSL has encrypted.
    private func flush(to connection: Connection) throws(NetworkError) {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while BIO_ctrl_pending(outgoing) > 0 {
            let count = chunk.withUnsafeMutableBytes { BIO_read(outgoing, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { return }
            try connection.writeSocket(chunk[..<Int(count)])
        }
    }

    private static func failure(_ message: String) -> NetworkError {
        NetworkError(.tls, message, underlying: drainOpenSSLErrors())
    }
}
