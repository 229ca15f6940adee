/// The response must carry exactly the expected user data: what the guest was asked to bind to
/// this attestation (a nonce of the verifier's, a public key of the guest's).
public struct UserDataPolicy: AttestationPolicy {
    public let expected: [UInt8]

    public init(expected: [UInt8]) {
        self.expected = expected
    }

    public func judge(_ subject: PolicySubject) -> PolicyResult {
        guard let actual = subject.response.userData, actual == expected else {
            return PolicyResult(.violated("The provided user data does not match the user data from the attestation response."))
        }
        return PolicyResult(.satisfied, finding: .userData(actual))
    }
}
