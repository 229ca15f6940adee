internal import CSEOpenSSL
public import SECore

/// AES-256-GCM (docs/formats.md §2.5) as the Ultravisor uses it: 12-byte IV, 16-byte tag, optional AAD.
/// Plaintexts are always secrets (ARPK, measurement key, nonce), so they stay in SecretBytes.
public enum AESGCM {
    /// AES-256: 32-byte keys.
    public static let keySize = 32
    /// The Ultravisor's 12-byte IVs (docs/formats.md §2.5).
    public static let ivSize = 12
    /// The full 16-byte tag, never truncated.
    public static let tagSize = 16

    /// An encryption's output: public bytes, safe to store in a request.
    public struct Sealed: Sendable, Equatable {
        /// As long as the plaintext.
        public let ciphertext: [UInt8]
        /// The 16-byte authentication tag over the AAD and the ciphertext.
        public let tag: [UInt8]
    }

    /// Encrypts `plaintext` under `key` (32 bytes) and `iv` (12 bytes), authenticating `aad` too;
    /// throws on wrong sizes or an OpenSSL failure.
    public static func seal(_ plaintext: SecretBytes, key: SecretBytes, iv: [UInt8],
                            authenticating aad: some ByteInput) throws(CryptoError) -> Sealed {
        let context = try Context(key: key, iv: iv, encrypting: true)
        defer { EVP_CIPHER_CTX_free(context.pointer) }
        try context.addAuthenticatedData(aad)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        try ciphertext.withMutableBytes { (output) throws(CryptoError) in
            try plaintext.withUnsafeBytes { (input) throws(CryptoError) in try context.update(input, into: output) }
        }
        var tag = [UInt8](repeating: 0, count: tagSize)
        var length: Int32 = 0
        guard EVP_EncryptFinal_ex(context.pointer, nil, &length) == 1, length == 0,
              EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_GET_TAG, Int32(tagSize), &tag) == 1
        else { throw .openssl("AES-GCM encryption failed") }
        return Sealed(ciphertext: ciphertext, tag: tag)
    }

    /// Decrypts and authenticates; a wrong key or any tampering is `.authenticationFailed`.
    public static func open(_ ciphertext: some ByteInput, tag: some ByteInput, key: SecretBytes, iv: [UInt8],
                            authenticating aad: some ByteInput) throws(CryptoError) -> SecretBytes {
        let context = try Context(key: key, iv: iv, encrypting: false)
        defer { EVP_CIPHER_CTX_free(context.pointer) }
        try context.addAuthenticatedData(aad)
        let plaintext = try ciphertext.withInputBytes { (input) throws(CryptoError) in
            let plaintext = SecretBytes(count: input.count)
            try plaintext.withUnsafeMutableBytes { (output) throws(CryptoError) in try context.update(input, into: output) }
            return plaintext
        }
        let tagSet = tag.withInputBytes { raw in
            raw.count == tagSize
                && EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), UnsafeMutableRawPointer(mutating: raw.baseAddress)) == 1
        }
        guard tagSet else { throw .openssl(.decodingFailed, "an AES-GCM tag must be \(tagSize) bytes") }
        var length: Int32 = 0
        guard EVP_DecryptFinal_ex(context.pointer, nil, &length) == 1, length == 0 else {
            throw .openssl(.authenticationFailed, "decryption failed, probably a GCM tag mismatch")
        }
        return plaintext
    }

    /// An initialised EVP_CIPHER_CTX; the caller frees `pointer`.
    private struct Context {
        let pointer: OpaquePointer
        let encrypting: Bool

        init(key: SecretBytes, iv: [UInt8], encrypting: Bool) throws(CryptoError) {
            guard key.count == AESGCM.keySize else { throw CryptoError(.invalidKey, "an AES-256 key must be \(AESGCM.keySize) bytes (found \(key.count))") }
            guard iv.count == AESGCM.ivSize else { throw CryptoError(.decodingFailed, "an AES-GCM IV must be \(AESGCM.ivSize) bytes (found \(iv.count))") }
            guard let cipher = FetchedAlgorithm.aes256GCM else { throw .openssl("AES-256-GCM is not available") }
            guard let pointer = EVP_CIPHER_CTX_new() else { throw .openssl("cannot create a cipher context") }
            let initialised = key.withUnsafeBytes { raw in
                let key = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
                return encrypting
                    ? EVP_EncryptInit_ex2(pointer, cipher, key, iv, nil)
                    : EVP_DecryptInit_ex2(pointer, cipher, key, iv, nil)
            }
            guard initialised == 1 else {
                EVP_CIPHER_CTX_free(pointer)
                throw .openssl("cannot initialise AES-256-GCM")
            }
            self.pointer = pointer
            self.encrypting = encrypting
        }

        func addAuthenticatedData(_ aad: some ByteInput) throws(CryptoError) {
            try aad.withInputBytes { (raw) throws(CryptoError) in
                guard raw.count > 0 else { return }
                var length: Int32 = 0
                guard let count = Int32(exactly: raw.count),
                      cipherUpdate(nil, &length, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count) == 1
                else { throw .openssl("AES-GCM cannot process the authenticated data") }
            }
        }

        /// GCM is a stream mode: the output has exactly the input's length.
        func update(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(CryptoError) {
            guard input.count > 0 else { return }
            var length: Int32 = 0
            guard output.count == input.count, let count = Int32(exactly: input.count),
                  cipherUpdate(output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
                               input.baseAddress?.assumingMemoryBound(to: UInt8.self), count) == 1,
                  length == count
            else { throw .openssl("AES-GCM cannot process the data") }
        }

        private func cipherUpdate(_ output: UnsafeMutablePointer<UInt8>?, _ length: UnsafeMutablePointer<Int32>,
                                  _ input: UnsafePointer<UInt8>?, _ count: Int32) -> Int32 {
            encrypting
                ? EVP_EncryptUpdate(pointer, output, length, input, count)
                : EVP_DecryptUpdate(pointer, output, length, input, count)
        }
    }
}
