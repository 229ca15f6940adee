import SECore
import SECrypto

/// The measurement key and nonce of a challenge se-attest makes, and how the verifier gets them
/// back from the evidence without keeping state.
///
/// The nonce is the issue time (8 bytes, big-endian seconds since 1970) and 8 random bytes. The
/// measurement key is HMAC-SHA512 over the nonce, keyed with a secret only the seal key's holder
/// can compute; its RSA ciphertext is padded from a second such derivation, so it too can be made
/// again and compared. Evidence whose key someone else encrypted (anyone with the public key can)
/// or whose nonce and key come from different challenges therefore does not verify, and the issue
/// time is authenticated through the key.
struct SealedChallengeSecrets {
    static let nonceSize = AttestationRequest.nonceSize
    private static let secretLabel = Array("se-attest coco seal secret v1".utf8)
    private static let keyLabel = Array("measurement key".utf8)
    private static let paddingLabel = Array("measurement key padding".utf8)

    let nonce: SecretBytes
    let measurementKey: SecretBytes
    /// The ciphertext of `measurementKey` that a challenge carries for this nonce.
    let encryptedMeasurementKey: [UInt8]

    /// A new challenge's secrets for `issuedAt`.
    init(sealKey: RSAPrivateKey, issuedAt: UInt64, random: some RandomSource = SystemRandomSource()) throws(CryptoError) {
        let nonce = SecretBytes(count: Self.nonceSize)
        try nonce.withUnsafeMutableBytes { (raw) throws(CryptoError) in
            for index in 0..<8 { raw[index] = UInt8(truncatingIfNeeded: issuedAt >> (56 - 8 * UInt64(index))) }
            try random.fill(UnsafeMutableRawBufferPointer(rebasing: raw[8...]))
        }
        try self.init(sealKey: sealKey, nonce: nonce)
    }

    /// The secrets a challenge with `nonce` carries, derived again.
    init(sealKey: RSAPrivateKey, nonce: SecretBytes) throws(CryptoError) {
        let root = try sealKey.derivedSecret(label: Self.secretLabel)
        self.nonce = nonce
        measurementKey = try HMACSHA512.secretCode(key: root, Self.keyLabel, nonce)
        encryptedMeasurementKey = try sealKey.encrypt(measurementKey, paddingFrom: try HMACSHA512.secretCode(key: root, Self.paddingLabel, nonce))
    }

    /// Seconds since 1970 when the challenge was made (not secret: the nonce's first 8 bytes).
    var issuedAt: UInt64 {
        nonce.withUnsafeBytes { raw in raw.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }
    }
}
