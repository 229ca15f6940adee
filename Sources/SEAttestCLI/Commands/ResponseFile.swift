import SECore

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
