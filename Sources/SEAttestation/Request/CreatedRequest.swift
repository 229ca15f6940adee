public import SECore
internal import SECrypto

/// A new attestation request, encrypted to the host keys of the machines the guest may run on
/// (docs/formats.md §4.2, §8.2), and the request protection key that later opens it.
public struct CreatedRequest: Sendable {
    /// The request as `perform` takes it.
    public let request: ExchangeRequest
    /// The request protection key (ARPK): `verify` needs it; keep it secret.
    public let arpk: SecretBytes
    /// The flags the request carries (the nonce flag always among them).
    public let flags: AttestationFlags

    /// Checks the host keys (count, distinct, and verified unless `verification` is `.none`),
    /// then builds the request with one key slot per document, in the order given.
    public init(flags: AttestationFlags, hostKeys documents: [HostKeyDocument],
                verification: HostKeyVerification) throws(AttestationError) {
        try Self.requireHostKeyCount(documents.count)
        try HostKeyDocument.requireDistinctKeys(documents)
        try verification.verify(documents)
        let built: (arcb: [UInt8], arpk: SecretBytes)
        do throws(CryptoError) {
            let builder = try AttestationRequestBuilder(flags: flags, hostKeys: documents.map(\.key))
            self.flags = builder.flags
            built = try builder.build()
        } catch {
            throw AttestationError(.cryptography, "cannot build the attestation request: \(error.message)", underlying: error.underlying)
        }
        request = ExchangeRequest(arcb: built.arcb, measurementSize: MeasurementAlgorithm.hmacSHA512.measurementSize,
                                  additionalDataSize: self.flags.additionalDataSize)
        arpk = built.arpk
    }

    /// Refuses a number of host keys a request cannot carry (before any document is read).
    public static func requireHostKeyCount(_ count: Int) throws(AttestationError) {
        guard (1...AttestationRequest.maxKeySlots).contains(count) else {
            throw AttestationError(.hostKeyCount(count),
                "between 1 and \(AttestationRequest.maxKeySlots) host-key documents are needed, \(count) were given")
        }
    }
}
