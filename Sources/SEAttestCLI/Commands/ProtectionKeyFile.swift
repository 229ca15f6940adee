import SECore

/// The ARPK file: exactly 32 raw bytes, read straight into secret storage.
enum ProtectionKeyFile {
    static let size = 32

    static func read(_ path: String) throws(CLIError) -> SecretBytes {
        guard path != "-" else {
            throw CLIError("the request protection key (ARPK) is a secret and is read only from a file, not from standard input")
        }
        return try InputFile.readSecret(path, what: "request protection key (ARPK)", size: size)
    }
}
