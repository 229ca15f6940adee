import SEAttestation
import SECore

/// `challenge`: the verifier's side of the Confidential Containers protocol. Host-key documents
/// are checked exactly as `create` checks them; the library makes the challenge.
struct ChallengeCommand {
    var hostKeyDocuments: HostKeyDocumentSelection
    var header: String
    var sealKey: String
    /// `--runtime-data-digest` as given (`HEX` or `@FILE`).
    var runtimeDataDigest: String?
    var output: String

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        let documents = try hostKeyDocuments.verified(diagnostics)
        let tags = try SEHeader.load(path: header, diagnostics: diagnostics).tags
        let key = try SealKeyFile.read(sealKey)
        let digest = try runtimeDataDigest.map { (value) throws(CLIError) in
            try ReportDataArgument.read(value, option: .runtimeDataDigest, diagnostics: diagnostics)
        }
        let challenge: CoCoChallenge
        do {
            challenge = try CoCoChallengeIssuer(sealKey: key, hostKeys: documents.map(\.key), tags: tags)
                .challenge(runtimeDataDigest: digest)
        } catch {
            throw CLIError(error.message, details: error.underlying)
        }
        diagnostics.debug("built the challenge: request of \(challenge.requestBlob.count) bytes, \(documents.count) key slot(s), seal key of \(key.bits) bits")
        try OutputFile.write(challenge.json, to: output, what: "challenge")
        diagnostics.result("Successfully generated the challenge")
        return .success
    }
}
