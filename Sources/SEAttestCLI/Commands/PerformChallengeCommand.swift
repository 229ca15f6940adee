import SEAttestation

/// `perform --challenge`: the attester's side of the Confidential Containers protocol, as
/// guest-components does it, on `/dev/uv` or the software Ultravisor.
struct PerformChallengeCommand {
    var challenge: String
    var output: String
    /// `--runtime-data-digest` as given (`HEX` or `@FILE`); default: the challenge's.
    var runtimeDataDigest: String?
    var simulation: PerformCommand.Simulation?

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        let parsed = try CoCoDocumentFile.read(challenge, what: "challenge", diagnostics: diagnostics) { (bytes) throws(AttestationError) in
            try CoCoChallenge(parsing: bytes)
        }
        let reportData = try runtimeDataDigest.map { (value) throws(CLIError) in
            try ReportDataArgument.read(value, option: .runtimeDataDigest, diagnostics: diagnostics)
        }
        let device = try PerformCommand.device(for: simulation, diagnostics)
        let evidence: CoCoEvidence
        do {
            evidence = try CoCoAttester.perform(parsed, reportData: reportData, on: device)
        } catch where error.kind == .unusableReportData && reportData == nil {
            throw CLIError(path: challenge, "\(error.message), and --runtime-data-digest was not given")
        } catch {
            throw CLIError(path: challenge, error.message)
        }
        try OutputFile.write(evidence.json, to: output, what: "evidence")
        return .success
    }
}
