/// Why a host-key document, or the IBM Z signing key that vouches for it, cannot be trusted.
/// `description` is one line naming the file, ready to follow "error: ".
public struct HostKeyVerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// A `--cert`, `--crl` or `--root-ca` file holds no certificate/CRL in PEM or DER.
        case unreadableCertificate, unreadableCRL, unreadableRootCA
        /// No `--cert` certificate, or more than one, has the IBM Z signing key's subject.
        case noSigningKey, severalSigningKeys
        /// OpenSSL could not verify the signing key's chain: its verify error code and the chain
        /// level (0 signing key, 1 intermediate, 2 root) of the certificate it failed at.
        case chainNotVerified(openSSLError: Int32, level: Int)
        /// Host-key document checks, in the order they are made.
        case weakKey, notYetValid, expired, authorityKeyIdentifierMismatch, badSignature,
             noValidCRL, revoked, notP521
    }

    public let reason: Reason
    /// The file the error is about (host-key document, certificate, CRL or root CA file).
    public let path: String?
    public let message: String
    /// Details for `-v`: OpenSSL's own words, download failures.
    public let underlying: [String]

    public init(_ reason: Reason, path: String?, _ message: String, underlying: [String] = []) {
        self.reason = reason
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
