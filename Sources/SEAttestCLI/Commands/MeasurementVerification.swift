import SECore
import SECrypto

/// Recomputing a response's measurement from the SE header and the ARPK (FORMATS.md §6.1): what
/// `verify` does, and what `check --hdr -a` does before it judges any policy.
enum MeasurementVerification {
    /// Whether the measurement matches; a wrong ARPK or an unreadable header is an error.
    static func verify(_ response: ExchangeResponse, request: AttestationRequest, responsePath: String,
                       header: String, arpk: String, diagnostics: Diagnostics) throws(CLIError) -> Bool {
        let protectionKey = try ProtectionKeyFile.read(arpk)
        diagnostics.debugRead("request protection key (ARPK)", path: arpk, size: ProtectionKeyFile.size)
        let tags = try SEHeader.load(path: header, diagnostics: diagnostics).tags
        let opened = try RequestOpening.open(request, arpk: protectionKey, arpkPath: arpk, requestPath: responsePath)
        do {
            return try AttestationMeasurement.verify(response, tags: tags, secrets: opened)
        } catch {
            throw CLIError(path: responsePath, "cannot compute the attestation measurement: \(error.message)", details: error.underlying)
        }
    }
}
