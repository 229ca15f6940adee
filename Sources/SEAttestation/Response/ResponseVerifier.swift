public import SECore
public import SECrypto

/// Verifies responses from guests that run one trusted image: holds the image's SE-header tags,
/// so a service that attests many guests of one image parses the header once.
public struct ResponseVerifier: Sendable {
    public let tags: SEHeaderTags

    public init(tags: SEHeaderTags) {
        self.tags = tags
    }

    public init(header: SEHeader) {
        tags = header.tags
    }

    /// Whether the Ultravisor's measurement matches the one recomputed from the trusted tags and
    /// the request's secrets, decrypted with `arpk`. A mismatch is a result; a request that `arpk`
    /// does not open is an error.
    public func verify(_ response: AttestationResponse, arpk: SecretBytes) throws(AttestationError) -> Bool {
        let secrets = try Self.open(response.request, arpk: arpk)
        do {
            return try AttestationMeasurement.verify(response.exchange, tags: tags, secrets: secrets)
        } catch {
            throw AttestationError(.cryptography, "cannot compute the attestation measurement: \(error.message)", underlying: error.underlying)
        }
    }

    /// The request's secrets (measurement key, nonce), decrypted with its ARPK.
    public static func open(_ request: AttestationRequest, arpk: SecretBytes) throws(AttestationError) -> AttestationSecrets {
        do {
            return try AttestationRequestOpener(arpk: arpk).open(request)
        } catch {
            throw AttestationError(.requestNotDecrypted, error.message, underlying: error.underlying)
        }
    }
}
