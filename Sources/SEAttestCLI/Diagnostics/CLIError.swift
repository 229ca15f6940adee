/// A failure that ends a command: one `error:` line on stderr and exit status 1.
///
/// Library errors (FormatError, CryptoError, device errors) are wrapped here with the file
/// they concern, so the user always learns which input is wrong.
struct CLIError: Error {
    let message: String
    /// Extra lines shown with `-v` (OpenSSL's reasons, the underlying error).
    let details: [String]

    init(_ message: String, details: [String] = []) {
        self.message = message
        self.details = details
    }

    /// `'path': message`, the form every input and output error takes.
    init(path: String, _ message: String, details: [String] = []) {
        self.init("\(Self.quote(path)): \(message)", details: details)
    }

    static func quote(_ path: String) -> String {
        path == "-" ? "standard input" : "'\(path)'"
    }
}
