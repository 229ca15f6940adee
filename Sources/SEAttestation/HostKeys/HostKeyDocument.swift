public import SECrypto

/// A host-key document: the certificate IBM issues for one machine, holding its P-521 host key.
/// `name` is whatever the caller uses to tell documents apart (a path, a machine name); results
/// and errors refer to documents by it.
public struct HostKeyDocument: Sendable {
    /// The caller's label for the document, as it appears in results and errors.
    public let name: String
    /// The machine's host key; its hash is what responses carry (docs/formats.md §2.2).
    public let key: P521PublicKey
    /// The input held more than one certificate; the first is the document, as for pvattest.
    public let hasSeveralCertificates: Bool
    private let certificates: HostKeyCertificates

    /// Reads a PEM or DER document and checks its key is on P-521.
    public init(name: String, bytes: [UInt8]) throws(AttestationError) {
        do throws(CryptoError) {
            certificates = try HostKeyCertificates(bytes: bytes)
        } catch {
            throw Self.malformed(error)
        }
        self.name = name
        key = certificates.key
        hasSeveralCertificates = certificates.count > 1
    }

    /// The first certificate of the input, for chain verification; decoded by OpenSSL when
    /// asked for, since nothing else needs it (docs/architecture.md §2.3).
    public var certificate: Certificate {
        get throws(AttestationError) {
            do throws(CryptoError) {
                return try certificates.firstCertificate()
            } catch {
                throw Self.malformed(error)
            }
        }
    }

    private static func malformed(_ error: CryptoError) -> AttestationError {
        AttestationError(.malformedHostKeyDocument, error.message, underlying: error.underlying)
    }
}
