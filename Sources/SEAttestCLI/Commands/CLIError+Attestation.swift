import SEAttestation

extension CLIError {
    /// A library error about the input at `path`, worded as every input error is.
    init(path: String, _ error: AttestationError) {
        self.init(path: path, error.message, details: error.underlying)
    }

    /// Runs a library call about the input at `path`, naming that input in any error.
    static func naming<T>(_ path: String, _ body: () throws(AttestationError) -> T) throws(CLIError) -> T {
        do {
            return try body()
        } catch {
            throw CLIError(path: path, error)
        }
    }
}
