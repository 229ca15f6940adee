public import SECore

/// The attestation measurement (docs/formats.md §6.1): HMAC-SHA512 over SE-header tags, CUID, user data,
/// nonce and additional data, keyed with the measurement key from the ARCB.
public enum AttestationMeasurement {
    /// The 64-byte measurement for these inputs; `nonce` nil when the request carries none. Throws
    /// only when OpenSSL fails.
    public static func compute(key: SecretBytes, tags: SEHeaderTags, cuid: [UInt8], userData: [UInt8],
                               nonce: SecretBytes?, additionalData: [UInt8]) throws(CryptoError) -> [UInt8] {
        let prefix = MeasurementInput.prefix(tags: tags, cuid: cuid, userData: userData, additionalDataCount: additionalData.count)
        let nonce: any ByteInput = nonce ?? [UInt8]()
        return try HMACSHA512.authenticationCode(key: key, prefix, nonce, additionalData)
    }

    /// Whether the Ultravisor's measurement in `response` matches the one recomputed from the
    /// guest's SE header and the ARCB's secrets. A mismatch is an attestation result, not an error;
    /// the comparison is constant-time.
    public static func verify(_ response: ExchangeResponse, tags: SEHeaderTags, secrets: AttestationSecrets) throws(CryptoError) -> Bool {
        let expected = try compute(key: secrets.measurementKey, tags: tags, cuid: response.cuid,
                                   userData: response.userData ?? [], nonce: secrets.nonce,
                                   additionalData: response.additionalData ?? [])
        return ConstantTime.equals(expected, response.measurement)
    }
}
