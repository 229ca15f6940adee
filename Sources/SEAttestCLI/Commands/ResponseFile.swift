import SECore

/// Reading a response file and the request inside it, with errors naming the file.
enum ResponseFile {
    static func read(_ path: String, diagnostics: Diagnostics) throws(CLIError) -> ExchangeResponse {
        let bytes = try InputFile.read(path, what: "attestation response")
        diagnostics.debugRead("attestation response", path: path, size: bytes.count)
        do {
            return try ExchangeResponse(parsing: bytes)
        } catch {
            throw CLIError(path: path, error.message)
        }
    }

    static func request(in response: ExchangeResponse, path: String, diagnostics: Diagnostics) throws(CLIError) -> AttestationRequest {
        do {
            let request = try AttestationRequest(parsing: response.arcb)
            diagnostics.debugRequest(request, in: path)
            return request
        } catch {
            throw CLIError(path: path, "the attestation request in the response is invalid: \(error.message)")
        }
    }
}
