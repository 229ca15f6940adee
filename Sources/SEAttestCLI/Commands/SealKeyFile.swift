import SECrypto

/// The seal key of the Confidential Containers protocol: a PEM RSA private key, read like the
/// ARPK (a real file, never `-`, straight into wiped storage) and never shown.
enum SealKeyFile {
    /// A PEM RSA key of 8192 bits is about 6.5 KiB; this leaves room for comments.
    static let maxSize = 64 << 10

    static func read(_ path: String) throws(CLIError) -> RSAPrivateKey {
        guard path != "-" else {
            throw CLIError("the seal key is a secret and is read only from a file, not from standard input")
        }
        let bytes = try InputFile.readSecret(path, what: "seal key", maxSize: maxSize)
        do {
            return try RSAPrivateKey(encoded: bytes)
        } catch {
            throw CLIError(path: path, "the seal key \(error.message)", details: error.underlying)
        }
    }
}
