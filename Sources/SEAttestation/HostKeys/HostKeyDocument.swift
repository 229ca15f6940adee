public import SECrypto

/// A host-key document: the certificate IBM issues for one machine, holding its P-521 host key.
/// `name` is whatever the caller uses to tell documents apart (a path, a machine name); results
/// and errors refer to documents by it.
public struct HostKeyDocument: Sendable {
    public let name: String
    public let certificate: Certificate
    public let key: P521PublicKey
    /// The input held more than one certificate; the first is the document, as for pvattest.
    public let hasSeveralCertificates: Bool

    /// Reads a PEM or DER document and checks its key is on P-521.
    public init(name: String, bytes: [UInt8]) throws(AttestationError) {
        let certificates: [Certificate]
        do {
            certificates = try Certificate.loadAll(from: bytes)
        } catch {
            throw AttestationError(.malformedHostKeyDocument, error.message, underlying: error.underlying)
        }
        guard let first = certificates.first else {
            throw AttestationError(.malformedHostKeyDocument, "contains no certificate")
        }
        try self.init(name: name, certificate: first, hasSeveralCertificates: certificates.count > 1)
    }

    /// A document whose certificate the caller has read already (to verify its chain, say);
    /// checks its key is on P-521.
    public init(name: String, certificate: Certificate, hasSeveralCertificates: Bool = false) throws(AttestationError) {
        do {
            key = try certificate.publicKey()
        } catch {
            throw AttestationError(.malformedHostKeyDocument, error.message, underlying: error.underlying)
        }
        self.name = name
        self.certificate = certificate
        self.hasSeveralCertificates = hasSeveralCertificates
    }
}
