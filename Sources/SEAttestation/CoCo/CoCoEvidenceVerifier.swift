public import SECore
public import SECrypto

/// The verifier's second step: judges evidence against the seal key, the trusted image's header
/// tags, the expected report data and an age limit, closing the gaps of trustee's verifier (it
/// takes the tags from the evidence, accepts a measurement key anyone with the public key can
/// encrypt, and has no freshness).
public struct CoCoEvidenceVerifier: Sendable {
    public let sealKey: RSAPrivateKey
    /// The tags of the image the guest must run; nil only in trustee-compatible mode, where the
    /// evidence's own tags are used, as trustee does.
    public let trustedTags: SEHeaderTags?
    /// Also accept evidence for challenges se-attest did not make (random measurement key, no
    /// issue time): such evidence could be forged by anyone holding the seal key's public half.
    public let trusteeCompatible: Bool

    public init(sealKey: RSAPrivateKey, trustedTags: SEHeaderTags?, trusteeCompatible: Bool = false) throws(AttestationError) {
        guard trustedTags != nil || trusteeCompatible else {
            throw AttestationError(.missingTrustedHeader, "the trusted SE header is needed unless trustee-compatible evidence is accepted")
        }
        self.sealKey = sealKey
        self.trustedTags = trustedTags
        self.trusteeCompatible = trusteeCompatible
    }

    /// The claims when everything holds, else why not. `reportData` (at most 64 bytes) is
    /// compared zero-padded with the evidence's user data; `maxAge` is in seconds, against `now`.
    /// Every decryption or derivation failure is the same refusal as a wrong measurement.
    public func verify(_ evidence: CoCoEvidence, reportData: [UInt8]?, maxAge: UInt64? = nil,
                       now: UInt64 = UnixTime.now) throws(AttestationError) -> CoCoVerdict {
        if let reportData, reportData.count > CoCoChallenge.maxReportDataSize {
            throw AttestationError(.unusableReportData, "the expected report data has \(reportData.count) bytes, at most \(CoCoChallenge.maxReportDataSize) are allowed")
        }
        for (key, ciphertext) in [("encr_measurement_key", evidence.encryptedMeasurementKey), ("encr_request_nonce", evidence.encryptedRequestNonce)]
        where ciphertext.count != sealKey.size {
            throw AttestationError(.malformedCoCoDocument, "the evidence's '\(key)' has \(ciphertext.count) bytes, but the seal key's ciphertexts have \(sealKey.size)")
        }
        if let trustedTags, !ConstantTime.equals(trustedTags.bytes, evidence.imageHeaderTags) {
            return .refused(.otherImage)
        }
        let tags = trustedTags ?? evidence.statedTags
        let opened: (key: SecretBytes, nonce: SecretBytes, issuedAt: UInt64?)
        do throws(CryptoError) {
            guard let found = try open(evidence) else { return .refused(.notVerified) }
            opened = found
        } catch {
            throw AttestationError(.cryptography, "cannot check the evidence: \(error.message)", underlying: error.underlying)
        }
        let expected: [UInt8]
        do {
            expected = try AttestationMeasurement.compute(
                key: opened.key, tags: tags, cuid: evidence.cuid, userData: evidence.userData,
                nonce: opened.nonce, additionalData: evidence.additionalData)
        } catch {
            throw AttestationError(.cryptography, "cannot compute the attestation measurement: \(error.message)", underlying: error.underlying)
        }
        guard ConstantTime.equals(expected, evidence.measurement) else { return .refused(.notVerified) }
        if let reportData {
            let padded = reportData + [UInt8](repeating: 0, count: CoCoEvidence.userDataSize - reportData.count)
            guard ConstantTime.equals(padded, evidence.userData) else { return .refused(.reportDataMismatch) }
        }
        if let maxAge {
            guard let issuedAt = opened.issuedAt else { return .refused(.noIssueTime) }
            let age = now > issuedAt ? now - issuedAt : 0
            guard age <= maxAge else { return .refused(.tooOld(age: age, maxAge: maxAge)) }
        }
        return .verified(CoCoClaims(evidence: evidence, tags: tags, reportData: reportData, issuedAt: opened.issuedAt))
    }

    /// The measurement key and nonce, or nil when they cannot be had (one answer for every
    /// reason). A key derived from the nonce is se-attest's; a key that only decrypts is
    /// accepted in trustee-compatible mode, without an issue time.
    private func open(_ evidence: CoCoEvidence) throws(CryptoError) -> (key: SecretBytes, nonce: SecretBytes, issuedAt: UInt64?)? {
        guard let nonce = try? sealKey.decrypt(evidence.encryptedRequestNonce), nonce.count == SealedChallengeSecrets.nonceSize else {
            return nil
        }
        let derived = try SealedChallengeSecrets(sealKey: sealKey, nonce: nonce)
        if ConstantTime.equals(derived.encryptedMeasurementKey, evidence.encryptedMeasurementKey) {
            return (derived.measurementKey, nonce, derived.issuedAt)
        }
        guard trusteeCompatible, let key = try? sealKey.decrypt(evidence.encryptedMeasurementKey),
              key.count == MeasurementAlgorithm.hmacSHA512.keySize
        else { return nil }
        return (key, nonce, nil)
    }
}

/// The outcome of judging evidence.
public enum CoCoVerdict: Sendable {
    case verified(CoCoClaims)
    case refused(EvidenceRefusal)
}

/// Why evidence does not verify: attestation results, not errors.
public enum EvidenceRefusal: Hashable, Sendable, CustomStringConvertible {
    /// The evidence's header tags are not the trusted image's.
    case otherImage
    /// The measurement does not match, or the sealed key or nonce cannot be opened or derived
    /// (deliberately one case: no padding oracle).
    case notVerified
    /// The guest bound other report data.
    case reportDataMismatch
    /// Issued longer ago than allowed.
    case tooOld(age: UInt64, maxAge: UInt64)
    /// An age limit was asked for, but the challenge carries no issue time (not made by se-attest).
    case noIssueTime

    public var description: String {
        switch self {
        case .otherImage:
            "the evidence's SE-header tags differ from the trusted SE header's: the guest runs another image"
        case .notVerified:
            "Attestation measurement verification failed: the measurement does not match, or the evidence's measurement key or nonce was not sealed with this seal key for one challenge"
        case .reportDataMismatch:
            "the evidence's user data is not the expected report data"
        case .tooOld(let age, let maxAge):
            "the challenge was issued \(age) seconds ago, more than the \(maxAge) seconds allowed"
        case .noIssueTime:
            "the challenge carries no issue time (it was not made by se-attest), so its age cannot be checked"
        }
    }
}
