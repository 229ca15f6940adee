public import SECore

/// Creates an ARCB (docs/formats.md §4.2, pvattest `create`): fresh secrets, one key slot per host key, the
/// confidential part (measurement key ‖ nonce) sealed with the ARPK.
public struct AttestationRequestBuilder {
    /// Flags as requested; the nonce flag is always added, because the request always carries one.
    public let flags: AttestationFlags
    public let algorithm: MeasurementAlgorithm
    /// Host keys in command-line order, which is the key-slot order (docs/formats.md §14.7).
    public let hostKeys: [P521PublicKey]

    public init(flags: AttestationFlags, hostKeys: [P521PublicKey], algorithm: MeasurementAlgorithm = .hmacSHA512) throws(CryptoError) {
        guard !hostKeys.isEmpty else { throw CryptoError(.invalidKey, "no host key given") }
        guard hostKeys.count <= AttestationRequest.maxKeySlots else {
            throw CryptoError(.invalidKey, "too many host keys (\(hostKeys.count); at most \(AttestationRequest.maxKeySlots))")
        }
        self.flags = flags.union(.nonce)
        self.algorithm = algorithm
        self.hostKeys = hostKeys
    }

    /// The sealed ARCB and its ARPK, which `verify` later needs to open it.
    ///
    /// `random` is drawn in this order: ARPK (32), IV (12), measurement key, nonce (16).
    /// `customerKey` exists for golden tests; by default each request gets a fresh one (docs/formats.md §2.6).
    public func build(random: some RandomSource = SystemRandomSource(),
                      customerKey: P521PrivateKey? = nil) throws(CryptoError) -> (arcb: [UInt8], arpk: SecretBytes) {
        let arpk = try random.secret(count: KeySlot.protectionKeySize)
        let iv = try random.bytes(count: AESGCM.ivSize)
        let measurementKey = try random.secret(count: algorithm.keySize)
        let nonce = try random.secret(count: AttestationRequest.nonceSize)
        return try seal(arpk: arpk, iv: iv, measurementKey: measurementKey, nonce: nonce, customerKey: customerKey)
    }

    /// An ARCB that carries the caller's measurement key and nonce (a Confidential Containers
    /// challenge derives them from the verifier's key); ARPK and IV are drawn from `random`.
    public func build(measurementKey: SecretBytes, nonce: SecretBytes,
                      random: some RandomSource = SystemRandomSource()) throws(CryptoError) -> (arcb: [UInt8], arpk: SecretBytes) {
        guard measurementKey.count == algorithm.keySize, nonce.count == AttestationRequest.nonceSize else {
            throw CryptoError(.invalidKey, "a measurement key of \(algorithm.keySize) bytes and a nonce of \(AttestationRequest.nonceSize) bytes are needed")
        }
        let arpk = try random.secret(count: KeySlot.protectionKeySize)
        let iv = try random.bytes(count: AESGCM.ivSize)
        return try seal(arpk: arpk, iv: iv, measurementKey: measurementKey, nonce: nonce, customerKey: nil)
    }

    private func seal(arpk: SecretBytes, iv: [UInt8], measurementKey: SecretBytes, nonce: SecretBytes,
                      customerKey: P521PrivateKey?) throws(CryptoError) -> (arcb: [UInt8], arpk: SecretBytes) {
        let customerKey = if let customerKey { customerKey } else { try P521PrivateKey() }

        let keySlots = try Parallel.map(hostKeys) { (hostKey) throws(CryptoError) in
            try KeySlot(wrapping: arpk, for: hostKey, customerKey: customerKey)
        }
        let confidential = SecretBytes(count: measurementKey.count + nonce.count)
        confidential.withUnsafeMutableBytes { output in
            measurementKey.withUnsafeBytes { output.copyMemory(from: $0) }
            nonce.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: output[measurementKey.count...]).copyMemory(from: $0) }
        }
        let authenticated = AttestationRequest.authenticatedData(
            iv: iv, flags: flags, algorithm: algorithm, customerKey: customerKey.publicKey.coordinateBlock,
            keySlots: keySlots, encryptedSize: confidential.count)
        let sealed = try AESGCM.seal(confidential, key: arpk, iv: iv, authenticating: authenticated)
        return (authenticated + sealed.ciphertext + sealed.tag, arpk)
    }
}
