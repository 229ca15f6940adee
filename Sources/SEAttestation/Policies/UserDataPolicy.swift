/// The response must carry exactly the expected user data: what the guest was asked to bind to
/// this attestation (a nonce of the verifier's, a public key of the guest's).
public struct UserDataPolicy: AttestationPolicy {
    /// The exact user data the guest must have bound.
    public let expected: [UInt8]

    /// Compared byte for byte: the caller pads or encodes `expected` as the guest did.
    public init(expected: [UInt8]) {
        self.expected = expected
    }

    /// A response without user data never satisfies the policy.
    public func judge(_ subject: PolicySubject) -> PolicyResult {
        guard let actual = subject.response.userData, actual == expected else {
            return PolicyResult(.violated("The provided user data does not match the user data from the attestation response."))
        }
        return PolicyResult(.satisfied, finding: .userData(actual))
    }
}
