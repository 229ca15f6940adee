import SEAttestation

/// Reading a response file through the library, with errors naming the file.
enum ResponseFile {
    static func read(_ path: String, diagnostics: Diagnostics) throws(CLIError) -> AttestationResponse {
        let bytes = try InputFile.read(path, what: "attestation response")
        diagnostics.debugRead("attestation response", path: path, size: bytes.count)
        let response = try CLIError.naming(path) { () throws(AttestationError) in try AttestationResponse(parsing: bytes) }
        diagnostics.debugRequest(response.request, in: path)
        return response
    }
}
