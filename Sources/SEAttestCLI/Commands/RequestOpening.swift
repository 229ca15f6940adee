import SECore
import SECrypto

/// Decrypting the request's secrets with the ARPK; a wrong key is an error, not a mismatch.
enum RequestOpening {
    static func open(_ request: AttestationRequest, arpk: SecretBytes, arpkPath: String, requestPath: String) throws(CLIError) -> AttestationSecrets {
        do {
            return try AttestationRequestOpener(arpk: arpk).open(request)
        } catch {
            throw CLIError(
                path: requestPath,
                "cannot decrypt the attestation request with the protection key \(CLIError.quote(arpkPath)): \(error.message) (wrong ARPK or tampered request)",
                details: error.underlying)
        }
    }
}
