/// Why a host-key document, or the IBM Z signing key that vouches for it, cannot be trusted:
/// the rule that failed, the file it failed on, and a one-line message naming that file.
///
/// The message speaks of inputs in the domain's words ("the given certificates"); a caller that
/// took the inputs from options renders it with its own `Wording`, which adds its spellings and
/// advice, so this library knows no option name.
public struct HostKeyVerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed, finer than the rule: a caller can match a case and give its own advice.
    public enum Reason: Hashable, Sendable {
        /// A certificate, CRL or root-CA input holds no certificate/CRL in PEM or DER.
        case unreadableCertificate, unreadableCRL, unreadableRootCA
        /// No given certificate, or more than one, has the IBM Z signing key's subject.
        case noSigningKey, severalSigningKeys
        /// OpenSSL could not verify the signing key's chain: its verify error code and the chain
        /// level (0 signing key, 1 intermediate, 2 root) of the certificate it failed at.
        case chainNotVerified(openSSLError: Int32, level: Int)
        /// Host-key document checks, in the order they are made.
        case weakKey, notYetValid, expired, authorityKeyIdentifierMismatch, badSignature,
             noValidCRL, revoked, notP521

        /// The rule this reason breaks.
        public var rule: HostKeyRule {
            switch self {
            case .unreadableCertificate, .unreadableCRL, .unreadableRootCA: .readableInputs
            case .noSigningKey, .severalSigningKeys: .signingKeySubject
            case .chainNotVerified: .signingKeyChain
            case .weakKey: .securityBits
            case .notYetValid, .expired: .validity
            case .authorityKeyIdentifierMismatch: .authorityKeyIdentifier
            case .badSignature: .signature
            case .noValidCRL, .revoked: .revocation
            case .notP521: .p521Key
            }
        }
    }

    /// How a caller names the inputs and what it advises when one is missing.
    public struct Wording: Hashable, Sendable {
        /// What the certificates given to the verifier are called ("given certificates").
        public var certificates: String
        /// Advice when a CRL of a chain certificate's issuer is missing.
        public var chainCRLAdvice: String?
        /// Advice when no valid CRL of the signing key is at hand for a document.
        public var documentCRLAdvice: String?
        /// Advice when the system trust store was used and knows no issuer.
        public var rootCAAdvice: String?

        /// `certificates` replaces "given certificates" in messages; nil advice adds nothing.
        public init(certificates: String, chainCRLAdvice: String? = nil, documentCRLAdvice: String? = nil,
                    rootCAAdvice: String? = nil) {
            self.certificates = certificates
            self.chainCRLAdvice = chainCRLAdvice
            self.documentCRLAdvice = documentCRLAdvice
            self.rootCAAdvice = rootCAAdvice
        }

        /// The domain's words and no advice: what `message` and `description` use.
        public static let plain = Wording(certificates: "given certificates")
    }

    /// What the message says, kept apart from the wording of inputs and advice.
    enum Statement: Hashable, Sendable {
        /// A message that names no input kind and needs no advice.
        case text(String)
        case noSigningKey
        /// The chain failed at `location` (empty for the signing key itself).
        case chain(signingKey: String, location: String, level: Int, failure: ChainFailure)
        case noValidCRL(document: String, signingKey: String, downloadFailed: Bool)
    }

    /// The chain failures whose words depend on the caller's wording.
    enum ChainFailure: Hashable, Sendable {
        case noIssuerCRL(downloadTried: Bool)
        case unknownIssuer(systemTrustStore: Bool)
        case text(String)
    }

    /// The case a caller can match on; `rule` groups these by rule.
    public let reason: Reason
    /// The file the error is about (host-key document, certificate, CRL or root CA file).
    public let path: String?
    /// Details for a verbose log: OpenSSL's own words, download failures.
    public let underlying: [String]
    let statement: Statement

    init(_ reason: Reason, path: String?, _ statement: Statement, underlying: [String] = []) {
        self.reason = reason
        self.path = path
        self.statement = statement
        self.underlying = underlying
    }

    /// The rule that failed.
    public var rule: HostKeyRule { reason.rule }

    /// The message in the domain's words.
    public var message: String { message(.plain) }

    /// The message in the domain's words, as `message`.
    public var description: String { message }

    /// The message with the caller's names for its inputs and its advice.
    public func message(_ wording: Wording) -> String {
        switch statement {
        case .text(let text):
            return text
        case .noSigningKey:
            return "specify one IBM Z signing key: none of the \(wording.certificates) has its subject "
                + "(C=US, ST=New York, L=Poughkeepsie or Armonk, O and CN=International Business Machines "
                + "Corporation, OU ending in 'Key Signing Service')"
        case .chain(let signingKey, let location, let level, let failure):
            let reason = switch failure {
            case .noIssuerCRL(let downloadTried):
                "no CRL of its issuer was given" + (downloadTried ? " or could be downloaded" : "")
                    + Self.parenthesized([wording.chainCRLAdvice])
            case .unknownIssuer(let systemTrustStore):
                "its issuer is neither among the \(wording.certificates) nor a trusted root CA"
                    + (systemTrustStore ? Self.parenthesized(["the system trust store was used", wording.rootCAAdvice]) : "")
            case .text(let text):
                text
            }
            return "IBM Z signing key '\(signingKey)' could not be verified\(location) (chain level \(level)): \(reason)"
        case .noValidCRL(let document, let signingKey, let downloadFailed):
            return "host-key document '\(document)': no valid CRL of the IBM Z signing key '\(signingKey)'"
                + Self.parenthesized([downloadFailed ? "none could be downloaded" : nil, wording.documentCRLAdvice])
        }
    }

    /// " (a; b)" of the parts present, "" when none is.
    private static func parenthesized(_ parts: [String?]) -> String {
        let present = parts.compactMap { $0 }
        return present.isEmpty ? "" : " (" + present.joined(separator: "; ") + ")"
    }
}
