public import SECrypto

/// A host-key document: the certificate IBM issues for one machine, holding its P-521 host key.
/// `name` is whatever the caller uses to tell documents apart (a path, a machine name); results
/// and errors refer to documents by it.
public struct HostKeyDocument: Sendable {
    /// The caller's label for the document, as it appears in results and errors.
    public let name: String
    /// The first certificate of the input, for chain verification.
    public let certificate: Certificate
    /// The machine's host key; its hash is what responses carry (docs/formats.md §2.2).
    public let key: P521PublicKey
    /// The input held more than one certificate; the first is the document, as for pvattest.
    public let hasSeveralCertificates: Bool

    /// Reads a PEM or DER document and checks its key is on P-521.
    public init(name: String, bytes: [UInt8]) throws(AttestationError) {
        do throws(CryptoError) {
            let certificates = try Certificate.loadAll(from: bytes)
            guard let first = certificates.first else {
                throw CryptoError(.decodingFailed, "contains no certificate")
            }
            self.name = name
            certificate = first
            key = try first.publicKey()
            hasSeveralCertificates = certificates.count > 1
        } catch {
            throw AttestationError(.malformedHostKeyDocument, error.message, underlying: error.underlying)
        }
    }
}
