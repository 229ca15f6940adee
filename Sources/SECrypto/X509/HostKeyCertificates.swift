internal import CSEOpenSSL
internal import CSEOpenSSLShims

/// The certificates of a host-key document file: the first one's P-521 key and how many there
/// are. In the plain case (every certificate readable, the first holding an uncompressed
/// P-521 point) the key is read without d2i_X509, whose provider decoder for the key costs
/// five times the rest of reading the certificate (docs/architecture.md §2.3), and the certificate
/// is decoded only when asked for: only host-key verification needs it. Anything else is
/// read by `Certificate.loadAll`, which therefore decides every error message.
public struct HostKeyCertificates: Sendable {
    /// The first certificate's key, checked to be EC P-521.
    public let key: P521PublicKey
    /// How many certificates the input holds; the first is the document, as for pvattest.
    public let count: Int
    private let first: First

    /// The first certificate when `Certificate.loadAll` read the input, else the input itself.
    private enum First: Sendable {
        case decoded(Certificate)
        case encoded([UInt8])
    }

    /// Reads a PEM or DER file, as `Certificate.loadAll` does.
    public init(bytes: [UInt8]) throws(CryptoError) {
        if let (key, count) = Self.quickRead(bytes) {
            self.key = key
            self.count = count
            first = .encoded(bytes)
        } else {
            let (certificate, count) = try Self.loadAll(bytes)
            key = try certificate.publicKey()
            self.count = count
            first = .decoded(certificate)
        }
    }

    /// The first certificate. Decoding the input again cannot fail where it read before but for
    /// want of memory.
    public func firstCertificate() throws(CryptoError) -> Certificate {
        switch first {
        case .decoded(let certificate):
            return certificate
        case .encoded(let bytes):
            return try Self.loadAll(bytes).first
        }
    }

    /// The generic path: the first certificate `Certificate.loadAll` reads, and how many it reads.
    private static func loadAll(_ bytes: [UInt8]) throws(CryptoError) -> (first: Certificate, count: Int) {
        let certificates = try Certificate.loadAll(from: bytes)
        guard let first = certificates.first else { throw CryptoError(.decodingFailed, "contains no certificate") }
        return (first, certificates.count)
    }

    /// The key and the count in the plain case, nil otherwise. The point is checked to be on
    /// the curve when imported, as OpenSSL's decoder checks it.
    static func quickRead(_ bytes: [UInt8]) -> (P521PublicKey, Int)? {
        var point = [UInt8](repeating: 0, count: Int(CSE_P521_POINT_SIZE))
        var count: Int32 = 0
        guard cse_host_key_document_point(bytes, bytes.count, &point, &count) == 1,
              let key = try? P521PublicKey(uncompressedPoint: point) else { return nil }
        return (key, Int(count))
    }
}
