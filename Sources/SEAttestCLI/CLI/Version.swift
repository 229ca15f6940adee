internal import CSEBuildInfo
import SECrypto

/// The one place the version lives.
enum SEAttestVersion {
    static let number = "0.1.0"

    /// What `se-attest --version` and `se-attest version` print: the version, then what a bug
    /// report needs, the source revision and the OpenSSL found at run time.
    static var text: String {
        "se-attest version \(number)\n\(revisionLine(String(cString: cse_source_revision())))\n"
            + "runs with \(OpenSSLLibrary.version)\n"
    }

    /// How the revision recorded at build time ("" for none) is shown.
    static func revisionLine(_ revision: String) -> String {
        revision.isEmpty ? "source revision: none recorded (not built from a git checkout by the scripts)"
            : "source revision: \(revision)"
    }
}
