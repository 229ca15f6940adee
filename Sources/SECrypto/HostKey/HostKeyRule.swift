/// The rules IBM's host-key documents are held to (docs/formats.md §12), in the order a
/// `HostKeyVerifier` evaluates them. An error names the one that failed, so a caller can tell a
/// revoked document from a chain that does not verify without reading the message.
public enum HostKeyRule: String, Hashable, Sendable, CaseIterable {
    /// The certificate, CRL and root-CA inputs hold certificates or CRLs in PEM or DER.
    case readableInputs
    /// Exactly one given certificate has pvattest's IBM Z signing-key subject.
    case signingKeySubject
    /// The signing key's chain verifies: X.509 strict, a CRL for every link, at most two
    /// intermediates, 112 bits of security, and a trust anchor above the signing key.
    case signingKeyChain
    /// The document's key has at least 112 bits of security.
    case securityBits
    /// The verification time lies within the document's validity period.
    case validity
    /// The document's authority key identifier, if any, names the signing key.
    case authorityKeyIdentifier
    /// The signing key's signature on the document verifies.
    case signature
    /// A current CRL of the signing key (local or downloaded) exists and does not list the document.
    case revocation
    /// The document's key is on EC P-521, the only curve the Ultravisor takes.
    case p521Key
}
