public import SECore
internal import SECrypto

/// Verifies responses from guests that run one trusted image: holds the image's SE-header tags,
/// so a service that attests many guests of one image parses the header once.
public struct ResponseVerifier: Sendable {
    /// The trusted image's SE-header tags, the part of the header the measurement covers.
    public let tags: SEHeaderTags

    /// For a caller that keeps only the tags of its trusted image.
    public init(tags: SEHeaderTags) {
        self.tags = tags
    }

    /// For a caller that already parsed the trusted header.
    public init(header: SEHeader) {
        tags = header.tags
    }

    /// Finds the SE header in `bytes`, a header alone or a whole SE image (docs/formats.md §7.3):
    /// the trusted image as the service keeps it.
    public init(headerOrImage bytes: [UInt8]) throws(AttestationError) {
        do {
            tags = try SEHeader.locate(in: bytes).header.tags
        } catch {
            throw AttestationError(.malformedHeader, error.message)
        }
    }

    /// Whether the Ultravisor's measurement matches the one recomputed from the trusted tags and
    /// the request's secrets, decrypted with `arpk`. A mismatch is a result; a request that `arpk`
    /// does not open is an error.
    public func verify(_ response: AttestationResponse, arpk: SecretBytes) throws(AttestationError) -> Bool {
        let secrets = try response.request.open(with: arpk)
        do {
            return try AttestationMeasurement.verify(response.exchange, tags: tags, secrets: secrets)
        } catch {
            throw AttestationError(.cryptography, "cannot compute the attestation measurement: \(error.message)", underlying: error.underlying)
        }
    }
}
