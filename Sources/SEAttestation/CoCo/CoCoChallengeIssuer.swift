#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
public import SECore
public import SECrypto

/// The verifier's first step: challenges for guests of one image on a set of hosts. Each holds
/// a fresh ARCB for the host keys (flags: nonce, image and attestation PHKH), its secrets sealed
/// under the seal key so that the verifier keeps no state, and the image's header tags.
public struct CoCoChallengeIssuer: Sendable {
    public let sealKey: RSAPrivateKey
    public let hostKeys: [P521PublicKey]
    public let tags: SEHeaderTags

    /// `hostKeys` must already be verified (as `create` verifies host-key documents); 1 to 255.
    public init(sealKey: RSAPrivateKey, hostKeys: [P521PublicKey], tags: SEHeaderTags) {
        self.sealKey = sealKey
        self.hostKeys = hostKeys
        self.tags = tags
    }

    /// A new challenge issued at `issuedAt` (seconds since 1970, default now); `runtimeDataDigest`
    /// (at most 64 bytes) is the report data the guest is asked to bind.
    public func challenge(runtimeDataDigest: [UInt8]? = nil, issuedAt: UInt64 = UnixTime.now) throws(AttestationError) -> CoCoChallenge {
        if let runtimeDataDigest, runtimeDataDigest.count > CoCoChallenge.maxReportDataSize {
            throw AttestationError(.unusableReportData, "the runtime data digest has \(runtimeDataDigest.count) bytes, at most \(CoCoChallenge.maxReportDataSize) are allowed")
        }
        do throws(CryptoError) {
            let builder = try AttestationRequestBuilder(flags: .challengeFlags, hostKeys: hostKeys)
            let secrets = try SealedChallengeSecrets(sealKey: sealKey, issuedAt: issuedAt)
            let arcb = try builder.build(measurementKey: secrets.measurementKey, nonce: secrets.nonce).arcb
            return CoCoChallenge(
                requestBlob: arcb, measurementSize: builder.algorithm.measurementSize,
                additionalSize: builder.flags.additionalDataSize,
                encryptedMeasurementKey: secrets.encryptedMeasurementKey,
                encryptedRequestNonce: try sealKey.encrypt(secrets.nonce),
                imageHeaderTags: tags.bytes, runtimeDataDigest: runtimeDataDigest)
        } catch {
            throw AttestationError(.cryptography, "cannot make the challenge: \(error.message)", underlying: error.underlying)
        }
    }
}

/// Wall-clock time in whole seconds since 1970, the unit of a challenge's issue time.
public enum UnixTime {
    public static var now: UInt64 { UInt64(max(0, time(nil))) }
}
