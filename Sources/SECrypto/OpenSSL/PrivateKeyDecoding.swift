internal import CSEOpenSSL

/// Reads an unencrypted private key of any type from PEM or DER, in place (a key file read into
/// secret storage stays there); the caller checks its type (P-521 host keys, RSA seal keys).
enum PrivateKeyDecoding {
    /// An owned EVP_PKEY, or nil when `bytes` hold no unencrypted private key.
    static func decode(_ bytes: some ByteInput) -> OpaquePointer? {
        bytes.withInputBytes { raw -> OpaquePointer? in
            guard raw.count > 0, let base = raw.baseAddress else { return nil }
            if contains(raw, "-----BEGIN") {
                guard let bio = BIO_new_mem_buf(base, Int32(clamping: raw.count)) else { return nil }
                defer { BIO_free(bio) }
                // A callback that refuses, so an encrypted key fails instead of prompting on the terminal.
                return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
            }
            var cursor: UnsafePointer<UInt8>? = base.assumingMemoryBound(to: UInt8.self)
            return d2i_AutoPrivateKey(nil, &cursor, Int(clamping: raw.count))
        }
    }

    /// Whether the PEM armour `marker` occurs in `raw`.
    static func contains(_ raw: UnsafeRawBufferPointer, _ marker: String) -> Bool {
        find(Array(marker.utf8), in: raw) != nil
    }

    /// The offset of the first `needle` in `raw` at or after `start`. A plain loop: the generic
    /// `firstRange(of:)` over raw buffers costs a quarter of a millisecond on a key file.
    static func find(_ needle: [UInt8], in raw: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let first = needle.first, start >= 0, raw.count - start >= needle.count else { return nil }
        var offset = start
        while offset <= raw.count - needle.count {
            if raw[offset] == first, needle.indices.allSatisfy({ raw[offset + $0] == needle[$0] }) { return offset }
            offset += 1
        }
        return nil
    }
}
