/// pvattest's document rules, in its order (the order decides which failure is reported).
public enum HostKeyDocumentRules {
    /// Security bits, validity, authority key identifier, signature, revocation, P-521: cheap local
    /// checks first, the download only after the signature verified.
    public static let pvattest: [any HostKeyDocumentRule] = [
        SecurityBitsRule(), ValidityRule(), AuthorityKeyIdentifierRule(), SignatureRule(), RevocationRule(), P521KeyRule(),
    ]
}

/// The document's key has at least `minimumBits` bits of security (pvattest: OpenSSL level 2).
public struct SecurityBitsRule: HostKeyDocumentRule {
    /// The least security strength accepted, in bits (112 is OpenSSL's level 2).
    public let minimumBits: Int
    /// Always `.securityBits`.
    public var rule: HostKeyRule { .securityBits }

    /// A higher `minimumBits` makes the verifier stricter than pvattest.
    public init(minimumBits: Int = 112) {
        self.minimumBits = minimumBits
    }

    /// Throws `weakKey` when the document's key is weaker than `minimumBits`.
    public func check(_ document: Certificate, path: String, signedBy signingKey: VerifiedSigningKey) throws(HostKeyVerificationError) {
        let bits = document.securityBits
        guard bits >= minimumBits else {
            throw signingKey.failure(.weakKey, path: path, "its key has \(bits) bits of security, \(minimumBits) are needed")
        }
    }
}

/// The verification time lies within the document's validity period.
public struct ValidityRule: HostKeyDocumentRule {
    /// Always `.validity`.
    public var rule: HostKeyRule { .validity }
    /// The time is the signing key's verification time, so the rule has no parameters.
    public init() {}

    /// Throws `notYetValid` or `expired`, naming the bound the time lies outside.
    public func check(_ document: Certificate, path: String, signedBy signingKey: VerifiedSigningKey) throws(HostKeyVerificationError) {
        switch document.validity(at: signingKey.time) {
        case .before: throw signingKey.failure(.notYetValid, path: path, "not valid before \(document.notBefore)")
        case .after: throw signingKey.failure(.expired, path: path, "expired on \(document.notAfter)")
        case .within: break
        }
    }
}

/// An authority key identifier, when the document has one, names the signing key.
public struct AuthorityKeyIdentifierRule: HostKeyDocumentRule {
    /// Always `.authorityKeyIdentifier`.
    public var rule: HostKeyRule { .authorityKeyIdentifier }
    /// The rule has no parameters.
    public init() {}

    /// Throws `authorityKeyIdentifierMismatch`; a document without the extension passes.
    public func check(_ document: Certificate, path: String, signedBy signingKey: VerifiedSigningKey) throws(HostKeyVerificationError) {
        guard document.authorityKeyIdentifierMatches(signingKey.certificate) else {
            throw signingKey.failure(.authorityKeyIdentifierMismatch, path: path,
                "its authority key identifier does not name the IBM Z signing key '\(signingKey.path)'")
        }
    }
}

/// The signing key's signature on the document verifies.
public struct SignatureRule: HostKeyDocumentRule {
    /// Always `.signature`.
    public var rule: HostKeyRule { .signature }
    /// The rule has no parameters.
    public init() {}

    /// Throws `badSignature` when the signing key did not sign the document.
    public func check(_ document: Certificate, path: String, signedBy signingKey: VerifiedSigningKey) throws(HostKeyVerificationError) {
        guard document.isSigned(by: signingKey.certificate) else {
            throw signingKey.failure(.badSignature, path: path, "not signed by the IBM Z signing key '\(signingKey.path)'")
        }
    }
}

/// A current CRL signed by the signing key (given, or downloaded from the document's
/// distribution points unless offline) exists and does not list the document. Put it after
/// `SignatureRule`: it contacts the URLs the document names.
public struct RevocationRule: HostKeyDocumentRule {
    /// Always `.revocation`.
    public var rule: HostKeyRule { .revocation }
    /// Whether to download comes from the signing key (`offline`), so the rule has no parameters.
    public init() {}

    /// May download CRLs; throws `noValidCRL` when no current CRL of the signing key is at hand,
    /// `revoked` when one lists the document.
    public func check(_ document: Certificate, path: String, signedBy signingKey: VerifiedSigningKey) throws(HostKeyVerificationError) {
        var notes: [String] = []
        let downloaded = signingKey.offline ? [] : signingKey.downloads.crls(for: document, notes: &notes)
        let crls = (signingKey.crls + downloaded).filter { $0.isCurrent(at: signingKey.time) && $0.isSigned(by: signingKey.certificate) }
        guard !crls.isEmpty else {
            throw HostKeyVerificationError(.noValidCRL, path: path,
                .noValidCRL(document: path, signingKey: signingKey.path, downloadFailed: !signingKey.offline), underlying: notes)
        }
        if let serial = document.serialNumber, crls.contains(where: { $0.lists(serial: serial) }) {
            throw signingKey.failure(.revoked, path: path, "revoked by the IBM Z signing key's CRL")
        }
    }
}

/// The document's key is an EC P-521 key.
public struct P521KeyRule: HostKeyDocumentRule {
    /// Always `.p521Key`.
    public var rule: HostKeyRule { .p521Key }
    /// The rule has no parameters.
    public init() {}

    /// Throws `notP521`, naming the key the document holds instead.
    public func check(_ document: Certificate, path: String, signedBy signingKey: VerifiedSigningKey) throws(HostKeyVerificationError) {
        do {
            _ = try document.publicKey()
        } catch {
            throw signingKey.failure(.notP521, path: path,
                "its key is \(document.publicKeyDescription), but the Ultravisor needs EC P-521", underlying: error.underlying)
        }
    }
}
