public import SECore

extension KeySlot {
    /// The protection key is always an AES-256 key.
    public static let protectionKeySize = 32
    /// Each exchange key wraps exactly one key, so a fixed all-zero IV is safe (docs/formats.md §2.4).
    static let wrappingIV = [UInt8](repeating: 0, count: AESGCM.ivSize)

    /// Wraps a request's protection key (the ARPK) so that only `hostKey`'s owner can unwrap it.
    public init(wrapping protectionKey: SecretBytes, for hostKey: P521PublicKey, customerKey: P521PrivateKey) throws(CryptoError) {
        guard protectionKey.count == Self.protectionKeySize else {
            throw CryptoError(.invalidKey, "a request protection key must be \(Self.protectionKeySize) bytes (found \(protectionKey.count))")
        }
        let sealed = try AESGCM.seal(protectionKey, key: customerKey.exchangeKey(with: hostKey),
                                     iv: Self.wrappingIV, authenticating: [UInt8]())
        self.init(phkh: hostKey.phkh, wrappedKey: sealed.ciphertext, tag: sealed.tag)
    }

    /// What the Ultravisor (or the simulator) does with its host key: recover the protection key,
    /// given the customer public key from the same request.
    public func unwrap(hostKey: P521PrivateKey, customerKey: P521PublicKey) throws(CryptoError) -> SecretBytes {
        guard ConstantTime.equals(phkh, hostKey.publicKey.phkh) else {
            throw CryptoError(.invalidKey, "the key slot belongs to another host key (phkh \(Hex.encode(phkh)))")
        }
        return try AESGCM.open(wrappedKey, tag: tag, key: hostKey.exchangeKey(with: customerKey),
                               iv: Self.wrappingIV, authenticating: [UInt8]())
    }
}
