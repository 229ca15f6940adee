public import SECore
public import SECrypto

/// The verifier's second step: judges evidence against the seal key, the trusted image's header
/// tags, the expected report data and an age limit, closing the gaps of trustee's verifier (it
/// takes the tags from the evidence, accepts a measurement key anyone with the public key can
/// encrypt, and has no freshness).
public struct CoCoEvidenceVerifier: Sendable {
    /// The verifier's RSA key: opens the measurement key and nonce it sealed into its challenges.
    public let sealKey: RSAPrivateKey
    /// The tags of the image the guest must run; nil only in trustee-compatible mode, where the
    /// evidence's own tags are used, as trustee does.
    public let trustedTags: SEHeaderTags?
    /// Also accept evidence for challenges se-attest did not make (random measurement key, no
    /// issue time): such evidence could be forged by anyone holding the seal key's public half.
    public let trusteeCompatible: Bool

    /// Throws `missingTrustedHeader` without `trustedTags` unless `trusteeCompatible` is set.
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
        // The reader checks these sizes, but evidence can also be built field by field: a field of
        // another size would shift the measurement's input and let bytes move between fields.
        // (One call per field rather than a loop over a literal array of tuples: such an array's
        // type is set up at run time on first use, some microseconds of every run.)
        func check(_ key: String, _ field: [UInt8], size: Int) throws(AttestationError) {
            guard field.count == size else {
                throw AttestationError(.malformedCoCoDocument, "the evidence's '\(key)' has \(field.count) bytes, expected \(size)")
            }
        }
        try check("measurement", evidence.measurement, size: 64)
        try check("additional_data", evidence.additionalData, size: CoCoEvidence.additionalDataSize)
        try check("user_data", evidence.userData, size: CoCoEvidence.userDataSize)
        try check("cuid", evidence.cuid, size: ExchangeLimits.cuidSize)
        try check("image_hdr_tags", evidence.imageHeaderTags, size: SEHeaderTags.size)
        func checkCiphertext(_ key: String, _ ciphertext: [UInt8]) throws(AttestationError) {
            guard ciphertext.count == sealKey.size else {
                throw AttestationError(.malformedCoCoDocument, "the evidence's '\(key)' has \(ciphertext.count) bytes, but the seal key's ciphertexts have \(sealKey.size)")
            }
        }
        try checkCiphertext("encr_measurement_key", evidence.encryptedMeasurementKey)
        try checkCiphertext("encr_request_nonce", evidence.encryptedRequestNonce)
        if let trustedTags, !ConstantTime.equals(trustedTags.bytes, evidence.imageHeaderTags) {
            return .refused(.otherImage)
        }
        let tags = trustedTags ?? evidence.statedTags
        let opened: (key: SecretBytes, nonce: SecretBytes, issuedAt: UInt64?, authentic: Bool)
        do throws(CryptoError) {
            opened = try open(evidence)
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
        // Judged only now, after the same work whatever failed: timing tells no more than the refusal.
        let measured = ConstantTime.equals(expected, evidence.measurement)
        guard opened.authentic, measured else { return .refused(.notVerified) }
        if let reportData {
            let padded = reportData + [UInt8](repeating: 0, count: CoCoEvidence.userDataSize - reportData.count)
            guard ConstantTime.equals(padded, evidence.userData) else { return .refused(.reportDataMismatch) }
        }
        if let maxAge {
            guard let issuedAt = opened.issuedAt else { return .refused(.noIssueTime) }
            if issuedAt > now {
                guard issuedAt - now <= maxAge else { return .refused(.issuedAhead(ahead: issuedAt - now, maxAge: maxAge)) }
            } else {
                guard now - issuedAt <= maxAge else { return .refused(.tooOld(age: now - issuedAt, maxAge: maxAge)) }
            }
        }
        return .verified(CoCoClaims(evidence: evidence, tags: tags, reportData: reportData, issuedAt: opened.issuedAt))
    }

    /// The measurement key and nonce, and whether they are authentic: a key derived from the
    /// nonce is se-attest's; a key that only decrypts is accepted in trustee-compatible mode,
    /// without an issue time. Every path does the same work (a failed decryption is replaced by
    /// a stand-in and judged at the end), so an early exit cannot make a padding oracle.
    private func open(_ evidence: CoCoEvidence) throws(CryptoError) -> (key: SecretBytes, nonce: SecretBytes, issuedAt: UInt64?, authentic: Bool) {
        let decryptedNonce = decrypt(evidence.encryptedRequestNonce, size: SealedChallengeSecrets.nonceSize)
        let nonce = decryptedNonce ?? SecretBytes(count: SealedChallengeSecrets.nonceSize)
        let derived = try SealedChallengeSecrets(sealKey: sealKey, nonce: nonce)
        let matches = ConstantTime.equals(derived.encryptedMeasurementKey, evidence.encryptedMeasurementKey)
        let isDerived = decryptedNonce != nil && matches
        guard trusteeCompatible else { return (derived.measurementKey, nonce, derived.issuedAt, isDerived) }
        // Decrypted even when derived, so that both cost the same.
        let sealed = decrypt(evidence.encryptedMeasurementKey, size: MeasurementAlgorithm.hmacSHA512.keySize)
        if isDerived { return (derived.measurementKey, nonce, derived.issuedAt, true) }
        return (sealed ?? derived.measurementKey, nonce, nil, decryptedNonce != nil && sealed != nil)
    }

    /// The plaintext when `ciphertext` decrypts to `size` bytes; nil for every other failure.
    private func decrypt(_ ciphertext: [UInt8], size: Int) -> SecretBytes? {
        guard let plaintext = try? sealKey.decrypt(ciphertext), plaintext.count == size else { return nil }
        return plaintext
    }
}

/// The outcome of judging evidence.
public enum CoCoVerdict: Sendable {
    /// Everything held: the claims are the guest's.
    case verified(CoCoClaims)
    /// The first check that failed; nothing in the evidence may be believed.
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
    /// Issued further ahead of the clock than the age limit allows: the issuing clock was wrong,
    /// and such a challenge would otherwise stay acceptable until the clock catches up.
    case issuedAhead(ahead: UInt64, maxAge: UInt64)
    /// An age limit was asked for, but the challenge carries no issue time (not made by se-attest).
    case noIssueTime

    /// One sentence for a person, naming what did not hold.
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
        case .issuedAhead(let ahead, let maxAge):
            "the challenge's issue time is \(ahead) seconds ahead of the clock, more than the \(maxAge) seconds allowed"
        case .noIssueTime:
            "the challenge carries no issue time (it was not made by se-attest), so its age cannot be checked"
        }
    }
}
