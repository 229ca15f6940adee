internal import CSEOpenSSL

/// The libcrypto the process runs with, which may differ from the headers it was built with:
/// what a bug report needs.
public enum OpenSSLLibrary {
    /// OpenSSL's own version text at run time, e.g. "OpenSSL 3.0.19 1 Oct 2025".
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "OpenSSL (version unknown)" }
        return String(cString: text)
    }

    /// For a process that exits right after its work: OpenSSL then registers no exit handler,
    /// which would spend a quarter of a millisecond freeing its tables just before the kernel
    /// discards the whole address space. Must come before any other OpenSSL call; loads the
    /// system configuration as OpenSSL's default initialisation does.
    ///
    /// Without `legacyAlgorithmNames`, OpenSSL does not build its table of every cipher and
    /// digest under its pre-3.0 names, which its first algorithm fetch otherwise fills (a quarter
    /// of a millisecond). Lookups by those names then fail, and X.509 signature checks look their
    /// digest up that way: only for work that fetches algorithms by name and checks no
    /// certificate, CRL or TLS peer.
    public static func initializeWithoutExitCleanup(legacyAlgorithmNames: Bool = true) {
        var options = OPENSSL_INIT_NO_ATEXIT | OPENSSL_INIT_LOAD_CONFIG
        if !legacyAlgorithmNames {
            options |= OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS
        }
        _ = OPENSSL_init_crypto(UInt64(options), nil)
    }
}
