public import SECore

/// What policies judge: a response, its additional data, and whether its measurement was
/// verified. A policy over an unverified response judges claims anyone could have forged, so the
/// flag travels with the response and `MeasurementVerifiedPolicy` can demand it.
public struct PolicySubject: Sendable {
    /// The response being judged.
    public let response: AttestationResponse
    /// The response's additional data split once for all policies; nil when its flags ask for none.
    public let additionalData: AdditionalData?
    /// Whether the caller verified the response's measurement; `MeasurementVerifiedPolicy` demands it.
    public let measurementVerified: Bool

    /// Throws `malformedAdditionalData` when the additional data does not fit the request's flags.
    public init(response: AttestationResponse, measurementVerified: Bool) throws(AttestationError) {
        self.response = response
        additionalData = try response.additionalData()
        self.measurementVerified = measurementVerified
    }
}

/// One rule about a response. Policies are values: a caller composes the ones it needs and gets
/// one result from each, so it sees which rule failed and why.
public protocol AttestationPolicy: Sendable {
    /// Judges `subject`. Throws only when the policy cannot be judged at all (e.g. a service that
    /// does not answer); a rule that does not hold is a `.violated` result.
    func judge(_ subject: PolicySubject) throws(AttestationError) -> PolicyResult
}

/// What one policy decided, and what it found on the way.
public struct PolicyResult: Sendable {
    /// The decision, apart from what was found on the way.
    public enum Verdict: Sendable, Equatable, CustomStringConvertible {
        /// The rule holds.
        case satisfied
        /// The rule does not hold; the reason is for people.
        case violated(String)
        /// Nothing to judge (e.g. a host-key policy without documents, a hash the response need
        /// not carry).
        case notApplicable

        /// `satisfied`, `violated: REASON` or `not applicable`, for a log line.
        public var description: String {
            switch self {
            case .satisfied: "satisfied"
            case .violated(let reason): "violated: \(reason)"
            case .notApplicable: "not applicable"
            }
        }
    }

    /// What the policy decided.
    public let verdict: Verdict
    /// What the policy established, for a report; nil when there is nothing to report.
    public let finding: PolicyFinding?

    /// For policies, including a caller's own.
    public init(_ verdict: Verdict, finding: PolicyFinding? = nil) {
        self.verdict = verdict
        self.finding = finding
    }

    /// Whether the rule does not hold; a not-applicable policy is not violated.
    public var isViolated: Bool {
        if case .violated = verdict { return true }
        return false
    }
}

/// The facts a policy established, for reports.
public enum PolicyFinding: Sendable {
    /// The one document whose host-key hash the response carries.
    case hostKey(HostKeyPolicy.Kind, document: String, enforced: Bool)
    /// The response's user data, equal to the expected bytes.
    case userData([UInt8])
    /// The add-secret requests (by name, in order) whose tags give the secret-store hash.
    case secretStore(requests: [String], locked: Bool)
    /// The firmware service's verdict and its details.
    case firmware(valid: Bool, details: String)
    /// Whether the measurement was verified, as `MeasurementVerifiedPolicy` found it.
    case measurementVerified(Bool)
}

extension Sequence where Element == any AttestationPolicy {
    /// Every policy's result, in order; all are judged even after one fails.
    public func judge(_ subject: PolicySubject) throws(AttestationError) -> [PolicyResult] {
        var results: [PolicyResult] = []
        for policy in self {
            results.append(try policy.judge(subject))
        }
        return results
    }
}
