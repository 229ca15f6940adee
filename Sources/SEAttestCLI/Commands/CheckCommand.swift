import SEDocuments
import SECore
import SECrypto
import SENetwork

/// `check`: judges a response against the operator's policies (FORMATS.md §6.4) and writes the
/// result for success and for failed policies alike. Unlike pvattest it never aborts on a failed
/// policy, and with `--hdr`/`-a` it verifies the measurement before trusting the response.
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
        let request = try ResponseFile.request(in: response, path: input, diagnostics: diagnostics)
        let documents = try HostKeyDocumentFile.loadAll(hostKeyDocuments, diagnostics: diagnostics)
        try HostKeyDocumentFile.requireDistinctKeys(documents)
        let expectedUserData = try userData.map { (path) throws(CLIError) in
            let bytes = try InputFile.read(path, what: "user data")
            diagnostics.debugRead("expected user data", path: path, size: bytes.count)
            return bytes
        }
        let secretStore = try secretStoreLocked.map { (locked) throws(CLIError) in try SecretStorePolicy(paths: secrets, locked: locked) }

        var report = CheckReport()
        if let header, let arpk {
            let verified = try MeasurementVerification.verify(
                response, request: request, responsePath: input, header: header, arpk: arpk, diagnostics: diagnostics)
            guard verified else {
                report.issue("The attestation measurement did not verify (calculated and received measurement differ); no policy was checked", diagnostics)
                return try finish(report, diagnostics)
            }
            report.measurementVerified = true
            diagnostics.info("✓ Attestation measurement verified")
        }

        let fields = try ResponseFile.additionalData(of: response, request: request, path: input)
        HostKeyPolicy(.image, checks: hostKeyChecks)
            .judge(fields?.imagePHKH, documents: documents, into: &report, diagnostics: diagnostics)
        HostKeyPolicy(.attestation, checks: hostKeyChecks)
            .judge(fields?.attestationPHKH, documents: documents, into: &report, diagnostics: diagnostics)
        if let expectedUserData {
            if let actual = response.userData, actual == expectedUserData {
                report.userData = actual
                diagnostics.info("✓ Checked user-data")
            } else {
                report.issue("The provided user data does not match the user data from the attestation response.", diagnostics)
            }
        }
        try secretStore?.judge(fields?.secretStoreHash, into: &report, diagnostics: diagnostics)
        // Last: the only policy that goes to the network.
        if let firmware {
            try FirmwarePolicy(service: firmware).judge(fields?.firmwareState, into: &report, diagnostics: diagnostics)
        }
        return try finish(report, diagnostics)
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
