import SEAttestation

/// A challenge or evidence file: read whole (at most 1 MiB) and parsed, a failure naming the
/// file and, through the library's message, the JSON key.
enum CoCoDocumentFile {
    static func read<Document>(
        _ path: String, what: String, diagnostics: Diagnostics,
        parse: ([UInt8]) throws(AttestationError) -> Document
    ) throws(CLIError) -> Document {
        let bytes = try InputFile.read(path, what: what, maxSize: CoCoChallenge.maxDocumentSize)
        diagnostics.debugRead(what, path: path, size: bytes.count)
        do {
            return try parse(bytes)
        } catch {
            throw CLIError(path: path, error.message)
        }
    }
}
