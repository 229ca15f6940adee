/// The response's measurement must have been verified against the trusted image with the ARPK
/// before any other claim in it is believed: without it, user data and host-key hashes are
/// whatever the sender wrote.
public struct MeasurementVerifiedPolicy: AttestationPolicy {
    /// The policy has no parameters: the subject says whether the measurement was verified.
    public init() {}

    /// Violated unless the subject's measurement was verified.
    public func judge(_ subject: PolicySubject) -> PolicyResult {
        subject.measurementVerified
            ? PolicyResult(.satisfied, finding: .measurementVerified(true))
            : PolicyResult(.violated("The attestation measurement was not verified"), finding: .measurementVerified(false))
    }
}
