internal import SECore

/// Exactly one of the given host-key documents must have the host-key hash the response carries:
/// for the key that unpacked the image, or for the key that decrypted the request. Proves the
/// guest ran on one of the machines the verifier meant.
public struct HostKeyPolicy: AttestationPolicy {
    /// Which of the response's two host-key hashes the policy reads.
    public enum Kind: String, Sendable, CaseIterable {
        /// The host key that unpacked the SE image (additional data `image PHKH`).
        case image
        /// The host key that decrypted the attestation request (`attestation PHKH`).
        case attestation
    }

    /// Which hash is judged.
    public let kind: Kind
    /// The candidate documents; none makes the policy not applicable.
    public let documents: [HostKeyDocument]
    /// Whether a response without the hash violates the policy (otherwise it is not applicable).
    public let enforced: Bool

    /// The documents are not chain-verified here: that is `HostKeyVerification`'s job.
    public init(_ kind: Kind, documents: [HostKeyDocument], enforced: Bool) {
        self.kind = kind
        self.documents = documents
        self.enforced = enforced
    }

    /// None matching and several matching are both violations; the result names the one match.
    public func judge(_ subject: PolicySubject) -> PolicyResult {
        guard !documents.isEmpty else { return PolicyResult(.notApplicable) }
        let what = "\(kind.rawValue) public host-key hash"
        let hash = kind == .image ? subject.additionalData?.imagePHKH : subject.additionalData?.attestationPHKH
        guard let hash else {
            return PolicyResult(enforced
                ? .violated("The Attestation result does not contain an \(what), but checking was enabled.")
                : .notApplicable)
        }
        let matching = documents.filter { $0.key.phkh == hash }
        switch matching.count {
        case 0:
            return PolicyResult(.violated("No given host-key document matches the given \(what) (0x\(Hex.encode(hash)))"))
        case 1:
            return PolicyResult(.satisfied, finding: .hostKey(kind, document: matching[0].name, enforced: enforced))
        default:
            let names = matching.map { "'\($0.name)'" }.joined(separator: ", ")
            return PolicyResult(.violated("More than one host-key document matches the given \(what): \(names)"))
        }
    }
}
