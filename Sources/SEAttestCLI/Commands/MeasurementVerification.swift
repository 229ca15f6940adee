import SEAttestation

/// Recomputing a response's measurement from the SE header and the ARPK (docs/formats.md §6.1)
/// through the library: what `verify` does, and what `check --hdr -a` does before it judges any
/// policy.
enum MeasurementVerification {
    /// Whether the measurement matches; a wrong ARPK or an unreadable header is an error.
    static func verify(_ response: AttestationResponse, responsePath: String, header: String, arpk: String,
                       diagnostics: Diagnostics) throws(CLIError) -> Bool {
        let protectionKey = try ProtectionKeyFile.read(arpk)
        diagnostics.debugRead("request protection key (ARPK)", path: arpk, size: ProtectionKeyFile.size)
        let verifier = ResponseVerifier(header: try SEHeader.load(path: header, diagnostics: diagnostics))
        do {
            return try verifier.verify(response, arpk: protectionKey)
        } catch where error.kind == .requestNotDecrypted {
            throw CLIError(path: responsePath, "cannot decrypt the attestation request with the protection key \(CLIError.quote(arpk)): \(error.message)",
                           details: error.underlying)
        } catch {
            throw CLIError(path: responsePath, error)
        }
    }
}
