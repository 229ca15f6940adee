internal import CSEOpenSSL
import SECore

/// SHA-256 over the concatenation of several parts, hashed in place (phkh, exchange-key KDF).
public enum SHA256 {
    /// Digest length in bytes.
    public static let size = 32

    /// The digest of the parts in order, as if concatenated.
    public static func hash(_ parts: any ByteInput...) throws(CryptoError) -> [UInt8] {
        try Digest.hash(EVP_sha256(), size: size, parts)
    }

    /// For digests that are keys (the exchange key), so they never sit in an array.
    static func secretHash(_ parts: any ByteInput...) throws(CryptoError) -> SecretBytes {
        try Digest.secretHash(EVP_sha256(), size: size, parts)
    }
}

/// SHA-512 over the concatenation of several parts (secret-store hash, docs/formats.md §6.3).
public enum SHA512 {
    /// Digest length in bytes.
    public static let size = 64

    /// The digest of the parts in order, as if concatenated.
    public static func hash(_ parts: any ByteInput...) throws(CryptoError) -> [UInt8] {
        try Digest.hash(EVP_sha512(), size: size, parts)
    }
}

private enum Digest {
    static func hash(_ algorithm: OpaquePointer?, size: Int, _ parts: [any ByteInput]) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        try output.withMutableBytes { (raw) throws(CryptoError) in try compute(algorithm, parts, into: raw) }
        return output
    }

    static func secretHash(_ algorithm: OpaquePointer?, size: Int, _ parts: [any ByteInput]) throws(CryptoError) -> SecretBytes {
        let output = SecretBytes(count: size)
        try output.withUnsafeMutableBytes { (raw) throws(CryptoError) in try compute(algorithm, parts, into: raw) }
        return output
    }

    private static func compute(_ algorithm: OpaquePointer?, _ parts: [any ByteInput], into output: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard let context = EVP_MD_CTX_new() else { throw .openssl("cannot create a digest context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex2(context, algorithm, nil) == 1 else { throw .openssl("cannot initialise the digest") }
        for part in parts {
            let updated = part.withInputBytes { raw in EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
            guard updated == 1 else { throw .openssl("cannot compute the digest") }
        }
        var length: UInt32 = 0
        guard output.count == Int(EVP_MD_get_size(algorithm)),
              EVP_DigestFinal_ex(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1,
              Int(length) == output.count
        else { throw .openssl("cannot finish the digest") }
    }
}
