/// One rule a host-key document must meet once the signing key is verified. A verifier
/// evaluates its rules in order and stops at the first that fails, so a rule may rely on those
/// before it (revocation downloads only from documents whose signature verified).
public protocol HostKeyDocumentRule: Sendable {
    /// Which rule this is.
    var rule: HostKeyRule { get }
    /// Throws, naming `path`, when `document` breaks the rule.
    func check(_ document: Certificate, path: String, signedBy signingKey: VerifiedSigningKey) throws(HostKeyVerificationError)
}

/// The IBM Z signing key after its chain verified: what document rules check against.
public struct VerifiedSigningKey: Sendable {
    /// The signing key's certificate: documents must be signed by it and name it as their authority.
    public let certificate: Certificate
    /// The file it came from, for messages.
    public let path: String
    /// The verification time in Unix seconds; nil means now.
    public let time: Int?
    /// Whether CRLs may be downloaded.
    public let offline: Bool
    /// CRLs issued under the signing key's name (or one of IBM's variants of it), unfiltered.
    let crls: [CertificateRevocationList]
    let downloads: CRLDownloads

    /// The error for `document` at `path` breaking a rule, as "host-key document 'path': text".
    func failure(_ reason: HostKeyVerificationError.Reason, path: String, _ text: String,
                 underlying: [String] = []) -> HostKeyVerificationError {
        HostKeyVerificationError(reason, path: path, .text("host-key document '\(path)': \(text)"), underlying: underlying)
    }
}
