import SEAttestation
import SEDocuments
import SECore

/// `verify --evidence`: the verifier's second side of the Confidential Containers protocol.
/// Exit 2 with one line saying which check failed; the claims only when all held.
struct VerifyEvidenceCommand {
    var evidence: String
    var sealKey: String
    /// Nil only with `trusteeCompatible`.
    var header: String?
    /// `--report-data` as given (`HEX` or `@FILE`).
    var reportData: String?
    var maxAge: UInt64?
    var trusteeCompatible = false
    var output: String?
    var format: ReportFormat = .yaml

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        let parsed = try CoCoDocumentFile.read(evidence, what: "evidence", diagnostics: diagnostics) { (bytes) throws(AttestationError) in
            try CoCoEvidence(parsing: bytes)
        }
        let tags = try header.map { (path) throws(CLIError) in try SEHeader.load(path: path, diagnostics: diagnostics).tags }
        let key = try SealKeyFile.read(sealKey)
        let expected = try reportData.map { (value) throws(CLIError) in
            try ReportDataArgument.read(value, option: .reportData, diagnostics: diagnostics)
        }
        let verdict: CoCoVerdict
        do {
            verdict = try CoCoEvidenceVerifier(sealKey: key, trustedTags: tags, trusteeCompatible: trusteeCompatible)
                .verify(parsed, reportData: expected, maxAge: maxAge)
        } catch {
            throw CLIError(path: evidence, error.message, details: error.underlying)
        }
        guard case .verified(let claims) = verdict else {
            if case .refused(let refusal) = verdict { diagnostics.result(refusal.description) }
            return .notVerified
        }
        if !claims.challengeMadeBySEAttest {
            diagnostics.warning("the evidence answers a challenge se-attest did not make (--trustee-compatible): its measurement key is random, not derived from the seal key, so anyone holding the seal key's public half could have forged it")
        }
        if expected == nil {
            diagnostics.warning("no --report-data was given: the report data the guest bound was not checked")
        }
        let document = claims.document
        if let output {
            try OutputFile.write(Array(format.render(document).utf8), to: output, what: "claims")
        }
        diagnostics.result("Attestation measurement verified", document.yaml.split(separator: "\n").map(String.init))
        return .success
    }
}
