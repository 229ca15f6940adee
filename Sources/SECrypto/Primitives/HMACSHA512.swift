internal import CSEOpenSSL
public import SECore

/// HMAC-SHA512 (RFC 2104), the attestation measurement (docs/formats.md §6.1), over several parts in place so
/// a secret part such as the nonce is never gathered into an array.
public enum HMACSHA512 {
    /// MAC length in bytes, the measurement's size.
    public static let size = 64

    /// The MAC of the parts in order, as if concatenated; the key is a secret and stays in its storage.
    public static func authenticationCode(key: SecretBytes, _ parts: any ByteInput...) throws(CryptoError) -> [UInt8] {
        try authenticationCode(key: key, parts)
    }

    /// The same for parts gathered at run time.
    public static func authenticationCode(key: SecretBytes, _ parts: [any ByteInput]) throws(CryptoError) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: size)
        try code.withMutableBytes { (raw) throws(CryptoError) in try compute(key: key, parts, into: raw) }
        return code
    }

    /// The code kept as a secret: a key derived from another key (the seal key's derivations).
    public static func secretCode(key: SecretBytes, _ parts: any ByteInput...) throws(CryptoError) -> SecretBytes {
        let code = SecretBytes(count: size)
        try code.withUnsafeMutableBytes { (raw) throws(CryptoError) in try compute(key: key, parts, into: raw) }
        return code
    }

    private static func compute(key: SecretBytes, _ parts: [any ByteInput], into code: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard let template = FetchedAlgorithm.hmacSHA512 else { throw .openssl("HMAC-SHA512 is not available") }
        guard let context = EVP_MAC_CTX_dup(template) else { throw .openssl("cannot create an HMAC context") }
        defer { EVP_MAC_CTX_free(context) }
        let initialised = key.withUnsafeBytes { raw in
            EVP_MAC_init(context, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, nil)
        }
        guard initialised == 1 else { throw .openssl("cannot initialise HMAC-SHA512") }
        for part in parts {
            let updated = part.withInputBytes { raw in
                EVP_MAC_update(context, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count)
            }
            guard updated == 1 else { throw .openssl("cannot compute HMAC-SHA512") }
        }
        var length = 0
        guard code.count == size,
              EVP_MAC_final(context, code.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, code.count) == 1,
              length == size
        else { throw .openssl("cannot finish HMAC-SHA512") }
    }
}
