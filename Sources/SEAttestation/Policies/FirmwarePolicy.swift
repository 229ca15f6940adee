public import SENetwork

/// IBM's firmware verification service must call the response's firmware state valid
/// (docs/formats.md §6.4 item 4, docs/formats.md §11): the state alone says nothing a verifier can judge offline.
/// A response without the state and a "not valid" verdict are violations; a service that does not
/// answer, or answers with anything but a verdict, throws `firmwareServiceFailed`, because then
/// nothing was judged.
public struct FirmwarePolicy: AttestationPolicy {
    /// The service that judges the firmware state; called at most once per `judge`.
    public let service: FirmwareVerificationService
    /// Sees the service call as it happens, e.g. to tell a person why they are waiting.
    public let observer: NetworkObserver?

    /// The service is not called until `judge`.
    public init(service: FirmwareVerificationService, observer: NetworkObserver? = nil) {
        self.service = service
        self.observer = observer
    }

    /// Calls the service over the network; throws `firmwareServiceFailed` when it gives no verdict.
    public func judge(_ subject: PolicySubject) throws(AttestationError) -> PolicyResult {
        guard let state = subject.additionalData?.firmwareState else {
            return PolicyResult(.violated("The Attestation response contains no firmware hash, but checking was enabled"),
                                finding: .firmware(valid: false, details: ""))
        }
        let verdict: FirmwareVerdict
        do throws(NetworkError) {
            verdict = try service.verify(firmwareState: state, observer: observer)
        } catch {
            throw AttestationError(.firmwareServiceFailed, "firmware verification at \(service.url): \(error.message)",
                                   underlying: error.underlying)
        }
        let finding = PolicyFinding.firmware(valid: verdict.valid, details: verdict.details)
        guard verdict.valid else {
            let details = verdict.details.isEmpty ? "" : " (\(verdict.details))"
            return PolicyResult(.violated("The firmware is not in a valid state\(details)"), finding: finding)
        }
        return PolicyResult(.satisfied, finding: finding)
    }
}
