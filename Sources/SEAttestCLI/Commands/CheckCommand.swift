import SEAttestation
import SEDocuments
import SENetwork

/// `check`: judges a response against the operator's policies (docs/formats.md §6.4) and writes the
/// result for success and for failed policies alike. Unlike pvattest it never aborts on a failed
/// policy, and with `--hdr`/`-a` it verifies the measurement before trusting the response. The
/// policies are the library's; this maps the options to them and their results to the report.
struct CheckCommand {
    var input: String
    var output: String
    var format: ReportFormat = .yaml
    var hostKeyDocuments: [String] = []
    /// `--host-key-check` values: `att-key-hash`, `boot-key-hash`.
    var hostKeyChecks: [String] = []
    var userData: String?
    var secrets: [String] = []
    var secretStoreLocked: Bool?
    /// `--firmware`: the service to ask, nil when the firmware is not checked.
    var firmware: FirmwareVerificationService?
    /// SE header or image and ARPK for verifying the measurement first; both or neither.
    var header: String?
    var arpk: String?

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        // Every input is read before anything is judged: a bad file is an error (exit 1, no result).
        let response = try ResponseFile.read(input, diagnostics: diagnostics)
        let documents = try HostKeyDocumentFile.loadAll(hostKeyDocuments, diagnostics: diagnostics)
        try HostKeyDocumentFile.requireDistinctKeys(documents)
        let expectedUserData = try userData.map { (path) throws(CLIError) in
            let bytes = try InputFile.read(path, what: "user data")
            diagnostics.debugRead("expected user data", path: path, size: bytes.count)
            return bytes
        }
        let secretStore = try secretStoreLocked.map { (locked) throws(CLIError) in
            SecretStorePolicy(requests: try Self.addSecretRequests(secrets), locked: locked)
        }

        var report = CheckReport()
        if let header, let arpk {
            let verified = try MeasurementVerification.verify(
                response, responsePath: input, header: header, arpk: arpk, diagnostics: diagnostics)
            guard verified else {
                report.issue("The attestation measurement did not verify (calculated and received measurement differ); no policy was checked", diagnostics)
                return try finish(report, diagnostics)
            }
            report.record(PolicyResult(.satisfied, finding: .measurementVerified(true)), diagnostics)
        }

        let subject = try CLIError.naming(input) { () throws(AttestationError) in
            try PolicySubject(response: response, measurementVerified: report.measurementVerified)
        }
        var policies: [any AttestationPolicy] = HostKeyPolicy.Kind.allCases.map {
            HostKeyPolicy($0, documents: documents, enforced: hostKeyChecks.contains($0.enforcingCheck))
        }
        if let expectedUserData { policies.append(UserDataPolicy(expected: expectedUserData)) }
        if let secretStore { policies.append(secretStore) }
        // Last: the only policy that goes to the network.
        if let firmware { policies.append(FirmwarePolicy(service: firmware, observer: diagnostics.downloadObserver)) }
        // Each result is reported as it comes, so the lines keep their place among the download notices.
        for policy in policies {
            do {
                report.record(try policy.judge(subject), diagnostics)
            } catch {
                throw CLIError(error.message, details: error.underlying)
            }
        }
        return try finish(report, diagnostics)
    }

    /// The `--secret` files in the order given; an unreadable or malformed one is an error, not an issue.
    private static func addSecretRequests(_ paths: [String]) throws(CLIError) -> [(name: String, request: AddSecretRequest)] {
        try paths.map { (path) throws(CLIError) in
            let bytes = try InputFile.read(path, what: "add-secret request")
            do throws(FormatError) {
                return (path, try AddSecretRequest(parsing: bytes))
            } catch {
                throw CLIError(path: path, error.message)
            }
        }
    }

    /// Whether any policy option was given; without one `check` judges nothing.
    private var hasPolicy: Bool {
        !hostKeyDocuments.isEmpty || userData != nil || secretStoreLocked != nil || firmware != nil
    }

    /// The service `--firmware` asks, from `--firmware-check-version` and `--firmware-verify-url`.
    static func firmwareService(_ invocation: Invocation) throws(CLIError) -> FirmwareVerificationService? {
        guard invocation.flag(.firmware) else { return nil }
        guard let version = invocation.string(.firmwareCheckVersion).flatMap({ Int($0) }).flatMap(FirmwareVerificationService.APIVersion.init),
              let baseURL = invocation.string(.firmwareVerifyURL)
        else {
            throw CLIError("--firmware-check-version must be 1 or 2, and --firmware-verify-url a URL")
        }
        return FirmwareVerificationService(baseURL: baseURL, version: version)
    }

    /// Writes the result and gives the verdict: exit 0 with no issue, 2 with any.
    /// The warnings come with the verdict, so a run that ends in an error shows only the error.
    private func finish(_ report: CheckReport, _ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        try OutputFile.write(Array(format.render(report.document).utf8), to: output, what: "check result")
        if header == nil {
            diagnostics.warning("the attestation measurement was not verified (no --hdr and -a): the response may be forged")
        }
        if !hasPolicy {
            let checked = header != nil ? "only the measurement was checked" : "nothing was checked"
            diagnostics.warning("no policy was given (-k, -u, --secret-store-locked, --firmware): \(checked)")
        }
        guard report.successful else {
            diagnostics.result("✘ The Attestation response does not fulfill all policies")
            return .notVerified
        }
        diagnostics.result("✓ The Attestation response fulfills all policies")
        return .success
    }
}

extension HostKeyPolicy.Kind {
    /// The `--host-key-check` value that makes a missing hash an issue.
    fileprivate var enforcingCheck: String { self == .image ? "boot-key-hash" : "att-key-hash" }
}
