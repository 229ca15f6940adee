public import SECore
internal import SECrypto

/// The guest's secret store must hold exactly the given add-secret requests, in the order given,
/// and be locked or not as given: the response's secret-store hash is SHA-512 over the requests'
/// tags and the lock byte (docs/formats.md §6.3).
public struct SecretStorePolicy: AttestationPolicy {
    /// The add-secret requests in the order the guest received them, each with the caller's label.
    public let requests: [(name: String, request: AddSecretRequest)]
    /// Whether the guest must have locked its secret store.
    public let locked: Bool

    /// The order of `requests` matters: the hash covers their tags in sequence.
    public init(requests: [(name: String, request: AddSecretRequest)], locked: Bool) {
        self.requests = requests
        self.locked = locked
    }

    /// The hash the Ultravisor reports for a store that received exactly these requests.
    public func expectedHash() throws(AttestationError) -> [UInt8] {
        do {
            return try SHA512.hash(requests.flatMap(\.request.tag), [locked ? 1 : 0])
        } catch {
            throw AttestationError(.cryptography, "cannot compute the secret-store hash: \(error.message)", underlying: error.underlying)
        }
    }

    /// A response without the hash is a violation; throws only when SHA-512 cannot be computed.
    public func judge(_ subject: PolicySubject) throws(AttestationError) -> PolicyResult {
        guard let hash = subject.additionalData?.secretStoreHash else {
            return PolicyResult(.violated("The Attestation response contains no secret-store-hash, but checking was enabled"))
        }
        guard try expectedHash() == hash else {
            return PolicyResult(.violated("The calculated secret-store-hash does not match with the provided hash"))
        }
        return PolicyResult(.satisfied, finding: .secretStore(requests: requests.map(\.name), locked: locked))
    }
}
