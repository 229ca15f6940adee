public import SECore

/// The confidential part of an ARCB: what `verify` needs to recompute the measurement.
public struct AttestationSecrets: Sendable {
    /// The HMAC key of the measurement.
    public let measurementKey: SecretBytes
    /// Present iff the encrypted area is exactly measurement key + 16 bytes (docs/formats.md §4.3 step 8; docs/formats.md §14.5).
    public let nonce: SecretBytes?
}

/// Decrypts a parsed ARCB (docs/formats.md §4.3 steps 7–8) with its ARPK, which the verifier kept from `create`
/// or the Ultravisor (simulator) unwraps from its key slot.
public struct AttestationRequestOpener: Sendable {
    public let arpk: SecretBytes

    public init(arpk: SecretBytes) {
        self.arpk = arpk
    }

    /// The Ultravisor's way in: find the key slot of `hostKey` and unwrap the ARPK from it with
    /// the request's customer key.
    public init(request: AttestationRequest, hostKey: P521PrivateKey) throws(CryptoError) {
        guard let block = request.customerKey else {
            throw CryptoError(.invalidKey, "the attestation request holds no customer public key")
        }
        let ownPHKH = hostKey.publicKey.phkh
        guard let slot = request.keySlots.first(where: { ConstantTime.equals($0.phkh, ownPHKH) }) else {
            throw CryptoError(.invalidKey, "the attestation request has no key slot for host key \(Hex.encode(ownPHKH))")
        }
        arpk = try slot.unwrap(hostKey: hostKey, customerKey: P521PublicKey(coordinateBlock: block))
    }

    public func open(_ request: AttestationRequest) throws(CryptoError) -> AttestationSecrets {
        let sealed = request.sealed
        let plaintext = try AESGCM.open(sealed.ciphertext, tag: sealed.tag, key: arpk, iv: request.iv,
                                        authenticating: sealed.authenticatedData)
        let keySize = request.algorithm.keySize
        guard plaintext.count >= keySize else {
            throw CryptoError(.decodingFailed, "encrypted size too small (\(plaintext.count) bytes), request probably tampered with")
        }
        let nonceEnd = keySize + AttestationRequest.nonceSize
        return AttestationSecrets(
            measurementKey: plaintext.subrange(0..<keySize),
            nonce: plaintext.count == nonceEnd ? plaintext.subrange(keySize..<nonceEnd) : nil)
    }
}
