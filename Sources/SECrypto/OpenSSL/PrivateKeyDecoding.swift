internal import CSEOpenSSL
internal import SECore

/// Reads an unencrypted private key of any type from PEM or DER, in place (a key file read into
/// secret storage stays there); the caller checks its type (P-521 host keys, RSA seal keys).
enum PrivateKeyDecoding {
    /// An owned EVP_PKEY, or nil when `bytes` hold no unencrypted private key.
    static func decode(_ bytes: some ByteInput) -> OpaquePointer? {
        bytes.withInputBytes { raw -> OpaquePointer? in
            guard raw.count > 0, let base = raw.baseAddress else { return nil }
            if ByteSearch.contains("-----BEGIN", in: raw) {
                guard let bio = BIO_new_mem_buf(base, Int32(clamping: raw.count)) else { return nil }
                defer { BIO_free(bio) }
                // A callback that refuses, so an encrypted key fails instead of prompting on the terminal.
                return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
            }
            var cursor: UnsafePointer<UInt8>? = base.assumingMemoryBound(to: UInt8.self)
            return d2i_AutoPrivateKey(nil, &cursor, Int(clamping: raw.count))
        }
    }
}
