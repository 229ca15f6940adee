/// The one place the version lives.
enum SEAttestVersion {
    static let number = "0.1.0"
    /// What `se-attest --version` and `se-attest version` print.
    static let line = "se-attest version \(number)"
}
