import SECore
import SECrypto

/// The ARPK file: exactly 32 raw bytes, read straight into secret storage.
enum ProtectionKeyFile {
    static let size = 32

    static func read(_ path: String) throws(CLIError) -> SecretBytes {
        guard path != "-" else {
            throw CLIError("the request protection key (ARPK) is a secret and is read only from a file, not from standard input")
        }
        let bytes = try InputFile.read(path, what: "request protection key (ARPK)", maxSize: 4096)
        guard bytes.count == size else {
            throw CLIError(path: path, "the request protection key (ARPK) has \(bytes.count) bytes, it must be exactly \(size) bytes long")
        }
        return SecretBytes(copying: bytes)
    }
}

/// Reading a response file and the request inside it, with errors naming the file.
enum ResponseFile {
    static func read(_ path: String) throws(CLIError) -> ExchangeResponse {
        let bytes = try InputFile.read(path, what: "attestation response")
        do {
            return try ExchangeResponse(parsing: bytes)
        } catch {
            throw CLIError(path: path, error.message)
        }
    }

    static func request(in response: ExchangeResponse, path: String) throws(CLIError) -> AttestationRequest {
        do {
            return try AttestationRequest(parsing: response.arcb)
        } catch {
            throw CLIError(path: path, "the attestation request in the response is invalid: \(error.message)")
        }
    }
}

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
