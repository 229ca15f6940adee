import SECore

extension ResponseFile {
    /// The response's additional data split by the request's flags (FORMATS.md §6.2), nil when
    /// the request asks for none. Missing additional data that the flags ask for is as wrong as
    /// too little of it, as in `verify`.
    static func additionalData(of response: ExchangeResponse, request: AttestationRequest, path: String) throws(CLIError) -> AdditionalData? {
        let data = response.additionalData ?? (request.flags.additionalDataSize > 0 ? [] : nil)
        do {
            return try data.map { (data) throws(FormatError) in try AdditionalData(splitting: data, flags: request.flags) }
        } catch {
            throw CLIError(path: path, error.message)
        }
    }
}
