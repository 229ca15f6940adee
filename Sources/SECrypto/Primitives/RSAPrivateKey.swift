internal import CSEOpenSSL
internal import CSEOpenSSLShims
public import SECore

/// The verifier's RSA key of the Confidential Containers protocol (the "seal key"): its public
/// half seals the measurement key and nonce into the challenge with PKCS#1 v1.5, as trustee's
/// verifier does, so the verifier keeps no state between challenge and evidence. The private
/// exponent stays inside OpenSSL; derivations from it come out only as secrets.
public final class RSAPrivateKey: @unchecked Sendable {
    /// Sizes trustee's deployments use (its guide: 4096); smaller keys are too weak, larger too slow.
    public static let allowedBits = 2048...8192

    /// Owned EVP_PKEY; immutable, so sharing is safe.
    let pkey: OpaquePointer
    /// The modulus size, within `allowedBits`.
    public let bits: Int
    /// The PKCS#1 DER as the quick decoding path encoded it (`pkcs1DER`); nil for other keys.
    private let decodedPKCS1: SecretBytes?

    /// An unencrypted PEM or DER RSA private key (PKCS#1 or PKCS#8). A public key or a key of
    /// another type is refused with a message saying so.
    public convenience init(encoded bytes: some ByteInput) throws(CryptoError) {
        if let decoded = RSAKeyDecoding.decode(bytes) {
            try self.init(owning: decoded.pkey, pkcs1: decoded.pkcs1)
            return
        }
        guard let pkey = PrivateKeyDecoding.decode(bytes) else {
            if bytes.withInputBytes({ ByteSearch.contains("PUBLIC KEY-----", in: $0) }) {
                throw CryptoError(.invalidKey, "is a public key; the RSA private key is needed")
            }
            throw .openssl(.decodingFailed, "is not an unencrypted PEM or DER private key")
        }
        try self.init(owning: pkey)
    }

    /// Takes ownership of `pkey` (freed here when refused); `pkcs1` is its PKCS#1 DER if known.
    init(owning pkey: OpaquePointer, pkcs1: SecretBytes? = nil) throws(CryptoError) {
        guard EVP_PKEY_is_a(pkey, "RSA") == 1 else {
            let type = EVP_PKEY_get0_type_name(pkey).map { String(cString: $0) } ?? "another type of"
            EVP_PKEY_free(pkey)
            throw CryptoError(.invalidKey, "is an \(type) key, not an RSA key")
        }
        let bits = Int(EVP_PKEY_get_bits(pkey))
        guard Self.allowedBits.contains(bits) else {
            EVP_PKEY_free(pkey)
            throw CryptoError(.invalidKey, "is an RSA key of \(bits) bits; \(Self.allowedBits.lowerBound) to \(Self.allowedBits.upperBound) bits are needed")
        }
        self.pkey = pkey
        self.bits = bits
        self.decodedPKCS1 = pkcs1
    }

    deinit { EVP_PKEY_free(pkey) }

    /// Bytes of the modulus, and so of every ciphertext.
    public var size: Int { (bits + 7) / 8 }

    /// PKCS#1 v1.5 encryption with the public half and OpenSSL's random padding.
    public func encrypt(_ plaintext: SecretBytes) throws(CryptoError) -> [UInt8] {
        try encrypt(plaintext, padding: RSA_PKCS1_PADDING)
    }

    /// PKCS#1 v1.5 encryption whose padding string is expanded from `seed` instead of drawn at
    /// random, so the verifier can make the same ciphertext again and compare it: the ciphertext
    /// is then bound to the secret `seed` was derived from. Still a valid PKCS#1 v1.5 ciphertext.
    public func encrypt(_ plaintext: SecretBytes, paddingFrom seed: SecretBytes) throws(CryptoError) -> [UInt8] {
        let paddingCount = size - 3 - plaintext.count
        guard paddingCount >= 8 else { throw CryptoError(.invalidKey, "the RSA key is too small for \(plaintext.count) bytes") }
        let encoded = SecretBytes(count: size)
        try encoded.withUnsafeMutableBytes { (block) throws(CryptoError) in
            block[1] = 2
            var filled = 0
            var counter: UInt32 = 0
            while filled < paddingCount {
                counter += 1
                let stream = try HMACSHA512.secretCode(key: seed, [UInt8(counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
                                                                   UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter)])
                stream.withUnsafeBytes { bytes in
                    for byte in bytes where byte != 0 && filled < paddingCount {
                        block[2 + filled] = byte
                        filled += 1
                    }
                }
            }
            plaintext.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: block[(size - $0.count)...]).copyMemory(from: $0) }
        }
        return try encrypt(encoded, padding: RSA_NO_PADDING)
    }

    private func encrypt(_ input: SecretBytes, padding: Int32) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw .openssl("cannot create an RSA context") }
        defer { EVP_PKEY_CTX_free(context) }
        var ciphertext = [UInt8](repeating: 0, count: size)
        var length = ciphertext.count
        let done = input.withUnsafeBytes { raw in
            EVP_PKEY_encrypt_init(context) == 1
                && EVP_PKEY_CTX_set_rsa_padding(context, padding) == 1
                && EVP_PKEY_encrypt(context, &ciphertext, &length, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count) == 1
        }
        guard done, length == size else { throw .openssl("cannot encrypt with the RSA key") }
        return ciphertext
    }

    /// PKCS#1 v1.5 decryption. Every failure is the same error, so a caller that reports it
    /// cannot become a padding oracle (OpenSSL 3.2 and later return a pseudo-random value
    /// instead, which fails later in the same way).
    public func decrypt(_ ciphertext: [UInt8]) throws(CryptoError) -> SecretBytes {
        let failure = CryptoError(.authenticationFailed, "cannot decrypt with the RSA key")
        guard ciphertext.count == size, let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw failure }
        defer { EVP_PKEY_CTX_free(context) }
        let buffer = SecretBytes(count: size)
        var length = size
        let done = buffer.withUnsafeMutableBytes { raw in
            EVP_PKEY_decrypt_init(context) == 1
                && EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1
                && EVP_PKEY_decrypt(context, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, ciphertext, ciphertext.count) == 1
        }
        ERR_clear_error()
        guard done, length <= size else { throw failure }
        return buffer.subrange(0..<length)
    }

    /// A 64-byte secret that only the holder of this private key can compute:
    /// HMAC-SHA512 keyed with the key's PKCS#1 DER encoding, over `label`.
    public func derivedSecret(label: [UInt8]) throws(CryptoError) -> SecretBytes {
        try HMACSHA512.secretCode(key: try pkcs1DER(), label)
    }

    /// The key's PKCS#1 RSAPrivateKey DER, the bytes i2d_PrivateKey writes. Two-prime keys are
    /// encoded with an ASN.1 template, since OpenSSL's generic encoder search costs more than
    /// half a millisecond; keys with more primes take the generic path.
    func pkcs1DER() throws(CryptoError) -> SecretBytes {
        if let decodedPKCS1 { return decodedPKCS1 }
        // Room for any two-prime key in one call: three numbers of at most `size` bytes (modulus,
        // public and private exponent), five of at most half that, and the DER headers.
        let room = 6 * size + 64
        let buffer = SecretBytes(count: room)
        let length = buffer.withUnsafeMutableBytes { raw in
            cse_rsa_private_key_der(pkey, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), room)
        }
        if length > 0 {
            return buffer.subrange(0..<length)
        }
        let generic = i2d_PrivateKey(pkey, nil)
        guard generic > 0 else { throw .openssl("cannot encode the RSA key") }
        let der = SecretBytes(count: Int(generic))
        let written = der.withUnsafeMutableBytes { raw in
            var cursor: UnsafeMutablePointer<UInt8>? = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return i2d_PrivateKey(pkey, &cursor)
        }
        guard written == generic else { throw .openssl("cannot encode the RSA key") }
        return der
    }
}
