internal import CSEOpenSSL

/// A failure inside the cryptography layer, with OpenSSL's own reasons kept for `-v`.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed, so that a caller can tell a wrong key from bad input or a broken OpenSSL.
    public enum Code: Hashable, Sendable {
        /// AES-GCM authentication failed: wrong key or tampered data.
        case authenticationFailed
        /// A key or certificate is not what the format requires (e.g. not EC P-521).
        case invalidKey
        /// Input that OpenSSL could not decode (PEM/DER, point encoding, ...).
        case decodingFailed
        /// An OpenSSL call failed for another reason.
        case openssl
    }

    /// The category a caller can match on.
    public let code: Code
    /// For people: what could not be done, without secrets.
    public let message: String
    /// OpenSSL's error queue at the time of failure, oldest first (shown with `-v`).
    public let underlying: [String]

    /// For layers above that report their own failures as crypto errors; `underlying` carries their detail.
    public init(_ code: Code, _ message: String, underlying: [String] = []) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// An error for a failed OpenSSL call; drains OpenSSL's thread-local error queue.
    static func openssl(_ code: Code = .openssl, _ message: String) -> CryptoError {
        CryptoError(code, message, underlying: drainOpenSSLErrors())
    }

    /// `openssl(.openssl, message)`: Swift cannot skip the defaulted leading argument above.
    static func openssl(_ message: String) -> CryptoError {
        openssl(.openssl, message)
    }

    /// The message alone; `underlying` is for a caller that wants detail.
    public var description: String { message }
}

/// Empties OpenSSL's error queue and returns its entries as text; public for SENetwork, whose TLS
/// failures keep OpenSSL's reasons the same way.
public func drainOpenSSLErrors() -> [String] {
    var reasons: [String] = []
    while case let code = ERR_get_error(), code != 0 {
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return reasons
}
