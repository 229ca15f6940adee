internal import CSEOpenSSL

/// The libcrypto the process runs with, which may differ from the headers it was built with:
/// what a bug report needs.
public enum OpenSSLLibrary {
    /// OpenSSL's own version text at run time, e.g. "OpenSSL 3.0.19 1 Oct 2025".
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "OpenSSL (version unknown)" }
        return String(cString: text)
    }
}
