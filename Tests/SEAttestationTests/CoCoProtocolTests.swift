import Testing
import SECore
import SECrypto
import SEDocuments
import SESimulator
import SEAttestation
import SETestSupport

/// The Confidential Containers protocol through the library: se-attest's own challenges round
/// trip, and each of trustee's gaps (forgery with the public key, other images, mixed
/// challenges, no freshness, unchecked report data) is refused.
@Suite struct CoCoProtocolTests {
    static let sealKey = try! RSAPrivateKey(encoded: Fixture.bytes("trustee/rsa/encrypt_key.pem"))
    static let header = try! SEHeader(parsing: Fixture.bytes("trustee/se.hdr"))
    static let hostKey = try! P521PrivateKey(encoded: Fixture.bytes("trustee/keys/host.key"))
    static let reportData: [UInt8] = [1, 2, 3, 4]

    /// A challenge for the trustee vectors' host issued at `issuedAt`, answered by the simulator.
    static func answered(issuedAt: UInt64 = UnixTime.now) throws -> (CoCoChallenge, CoCoEvidence) {
        let issuer = CoCoChallengeIssuer(sealKey: sealKey, hostKeys: [hostKey.publicKey], tags: header.tags)
        let challenge = try issuer.challenge(runtimeDataDigest: reportData, issuedAt: issuedAt)
        let device = try SimulatedUltravisor(hostKey: hostKey, header: header)
        return (challenge, try CoCoAttester.perform(challenge, on: device))
    }

    static func verify(_ evidence: CoCoEvidence, trusteeCompatible: Bool = false, maxAge: UInt64? = nil,
                       now: UInt64 = UnixTime.now) throws -> CoCoVerdict {
        try CoCoEvidenceVerifier(sealKey: sealKey, trustedTags: header.tags, trusteeCompatible: trusteeCompatible)
            .verify(evidence, reportData: reportData, maxAge: maxAge, now: now)
    }

    static func refusal(_ verdict: CoCoVerdict) -> EvidenceRefusal? {
        if case .refused(let refusal) = verdict { return refusal }
        return nil
    }

    static func evidence(_ base: CoCoEvidence, measurement: [UInt8]? = nil, encryptedKey: [UInt8]? = nil,
                         encryptedNonce: [UInt8]? = nil) -> CoCoEvidence {
        CoCoEvidence(measurement: measurement ?? base.measurement, additionalData: base.additionalData, userData: base.userData,
                     cuid: base.cuid, encryptedMeasurementKey: encryptedKey ?? base.encryptedMeasurementKey,
                     encryptedRequestNonce: encryptedNonce ?? base.encryptedRequestNonce, imageHeaderTags: base.imageHeaderTags)
    }

    @Test("a challenge of se-attest round-trips: claims with trustee's keys, then user_data and issued_at")
    func roundTrip() throws {
        let (challenge, evidence) = try Self.answered(issuedAt: 1_800_000_000)
        #expect(challenge.measurementSize == 64 && challenge.additionalSize == 64)
        #expect(try CoCoChallenge(parsing: challenge.json) == challenge)
        #expect(try CoCoEvidence(parsing: evidence.json) == evidence)
        let verdict = try Self.verify(evidence, now: 1_800_000_100)
        guard case .verified(let claims) = verdict else {
            Issue.record("not verified: \(verdict)")
            return
        }
        let keys: [String]
        if case .map(let members) = claims.document { keys = members.map(\.0) } else { keys = [] }
        #expect(keys == ["cuid", "report_data", "version", "image_phkh", "attestation_phkh", "tag", "user_data", "issued_at"])
        #expect(claims.issuedAt == 1_800_000_000)
        #expect(claims.reportData == Self.reportData)
        #expect(claims.imagePHKH == Self.hostKey.publicKey.phkh && claims.attestationPHKH == Self.hostKey.publicKey.phkh)
        #expect(claims.tag == Self.header.tags.tag)
    }

    @Test("evidence forged with the public key alone (own key and nonce, matching HMAC) is refused unless trustee-compatible")
    func forgedWithPublicKey() throws {
        let (_, honest) = try Self.answered()
        let key = SecretBytes(copying: [UInt8](repeating: 0x42, count: 64))
        let nonce = SecretBytes(copying: [UInt8](repeating: 0x17, count: 16))
        let measurement = try AttestationMeasurement.compute(
            key: key, tags: Self.header.tags, cuid: honest.cuid, userData: honest.userData, nonce: nonce,
            additionalData: honest.additionalData)
        let forged = Self.evidence(honest, measurement: measurement, encryptedKey: try Self.sealKey.encrypt(key),
                                   encryptedNonce: try Self.sealKey.encrypt(nonce))
        #expect(Self.refusal(try Self.verify(forged)) == .notVerified)
        // trustee's verifier (and the compatibility mode) cannot tell: the gap se-attest closes.
        guard case .verified(let claims) = try Self.verify(forged, trusteeCompatible: true) else {
            Issue.record("the compatibility mode should accept what trustee accepts")
            return
        }
        #expect(claims.issuedAt == nil)
    }

    @Test("a nonce or a measurement key taken from another challenge is refused, with the same refusal")
    func mixedChallenges() throws {
        let (_, first) = try Self.answered()
        let (_, second) = try Self.answered()
        #expect(Self.refusal(try Self.verify(Self.evidence(first, encryptedNonce: second.encryptedRequestNonce))) == .notVerified)
        #expect(Self.refusal(try Self.verify(Self.evidence(first, encryptedKey: second.encryptedMeasurementKey))) == .notVerified)
        var measurement = first.measurement
        measurement[0] ^= 1
        #expect(Self.refusal(try Self.verify(Self.evidence(first, measurement: measurement))) == .notVerified)
        var garbage = first.encryptedRequestNonce
        garbage[garbage.count - 1] ^= 0xFF
        #expect(Self.refusal(try Self.verify(Self.evidence(first, encryptedNonce: garbage))) == .notVerified)
    }

    @Test("--max-age: 100 s after issue (or ahead of the clock) passes a limit of 100, 101 s fails; no overflow")
    func age() throws {
        let (_, evidence) = try Self.answered(issuedAt: 1_800_000_000)
        for now: UInt64 in [1_800_000_100, 1_799_999_900] {
            guard case .verified = try Self.verify(evidence, maxAge: 100, now: now) else {
                Issue.record("an issue time within the limit must verify (now \(now))")
                return
            }
        }
        #expect(Self.refusal(try Self.verify(evidence, maxAge: 100, now: 1_800_000_101)) == .tooOld(age: 101, maxAge: 100))
        #expect(Self.refusal(try Self.verify(evidence, maxAge: 100, now: 1_799_999_899)) == .issuedAhead(ahead: 101, maxAge: 100))
        #expect(Self.refusal(try Self.verify(evidence, maxAge: UInt64.max, now: 0)) == nil)
        #expect(Self.refusal(try Self.verify(evidence, maxAge: UInt64.max, now: UInt64.max)) == nil)
    }

    @Test("no early exit when the nonce does not decrypt: as slow as a nonce that decrypts (medians of 15 interleaved runs within 1.5×; an early exit skips an RSA decryption, about 2×)")
    func noEarlyExit() throws {
        let vector = try CoCoEvidence(parsing: Fixture.bytes("trustee/evidence.json"))
        var measurement = vector.measurement
        measurement[0] ^= 1
        var nonce = vector.encryptedRequestNonce
        nonce[nonce.count - 1] ^= 0xFF
        let decrypts = Self.evidence(vector, measurement: measurement)
        let fails = Self.evidence(vector, encryptedNonce: nonce)
        #expect(Self.refusal(try Self.verify(decrypts, trusteeCompatible: true)) == .notVerified)
        #expect(Self.refusal(try Self.verify(fails, trusteeCompatible: true)) == .notVerified)
        let clock = ContinuousClock()
        var slow: [Duration] = [], fast: [Duration] = []
        for _ in 0..<15 {
            slow.append(try clock.measure { _ = try Self.verify(decrypts, trusteeCompatible: true) })
            fast.append(try clock.measure { _ = try Self.verify(fails, trusteeCompatible: true) })
        }
        let (slowMedian, fastMedian) = (slow.sorted()[7], fast.sorted()[7])
        #expect(slowMedian < fastMedian * 1.5, "\(slowMedian) against \(fastMedian)")
    }

    @Test("evidence built field by field with a field of another size is malformed, not judged (bytes could move between fields)")
    func fieldSizes() throws {
        let (_, honest) = try Self.answered()
        let shifted = CoCoEvidence(measurement: honest.measurement, additionalData: honest.additionalData,
                                   userData: Array(honest.userData.dropFirst(8)), cuid: honest.cuid + honest.userData.prefix(8),
                                   encryptedMeasurementKey: honest.encryptedMeasurementKey,
                                   encryptedRequestNonce: honest.encryptedRequestNonce, imageHeaderTags: honest.imageHeaderTags)
        #expect { try Self.verify(shifted) } throws: { ($0 as? AttestationError)?.message == "the evidence's 'user_data' has 56 bytes, expected 64" }
    }

    @Test("other report data, other header tags")
    func reportDataAndTags() throws {
        let (_, evidence) = try Self.answered()
        let verifier = try CoCoEvidenceVerifier(sealKey: Self.sealKey, trustedTags: Self.header.tags)
        #expect(Self.refusal(try verifier.verify(evidence, reportData: [1, 2, 3, 5])) == .reportDataMismatch)
        let other = try SEHeader(parsing: Fixture.bytes("trustee/other.hdr"))
        let strict = try CoCoEvidenceVerifier(sealKey: Self.sealKey, trustedTags: other.tags)
        #expect(Self.refusal(try strict.verify(evidence, reportData: Self.reportData)) == .otherImage)
    }

    @Test("the attester refuses missing and oversized report data")
    func attesterReportData() throws {
        let (challenge, _) = try Self.answered()
        let bare = CoCoChallenge(
            requestBlob: challenge.requestBlob, measurementSize: 64, additionalSize: 64,
            encryptedMeasurementKey: challenge.encryptedMeasurementKey, encryptedRequestNonce: challenge.encryptedRequestNonce,
            imageHeaderTags: challenge.imageHeaderTags, runtimeDataDigest: nil)
        let device = try SimulatedUltravisor(hostKey: Self.hostKey, header: Self.header)
        #expect(throws: AttestationError.self) { try CoCoAttester.perform(bare, on: device) }
        #expect(throws: AttestationError.self) { try CoCoAttester.perform(bare, reportData: [UInt8](repeating: 1, count: 65), on: device) }
        let evidence = try CoCoAttester.perform(bare, reportData: [9], on: device)
        #expect(evidence.userData == [9] + [UInt8](repeating: 0, count: 63))
    }

    @Test("base64: canonical padded text only, and the encoding round-trips")
    func base64() {
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.decode("Zm8=") == Array("fo".utf8))
        #expect(Base64.decode("Zg==") == Array("f".utf8))
        for bad in ["Zm8", "Zm9=", "Zg=A", "Z===", "Zm8*", "Zh=="] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
        let all = (0...255).map(UInt8.init)
        #expect(Base64.decode(Base64.encode(all)) == all)
        #expect(Base64.decode("") == [])
        for bad in ["=AAA", "A=AA", "AAAA=AAA", "AA==AAAA", "AAA=AAA=", "Zm9v===="] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
    }

    @Test("base64: every string of up to 8 characters from a mixed alphabet decodes exactly when it is some byte string's encoding")
    func base64Exhaustive() {
        // Every byte string of 1 and 2 bytes, and some of 3 to 5: their encodings decode back.
        var strings: [[UInt8]] = (0...255).map { [UInt8($0)] }
        for first in stride(from: 0, through: 255, by: 5) {
            for second in 0...255 { strings.append([UInt8(first), UInt8(second)]) }
        }
        for length in 3...5 {
            strings += (0..<200).map { seed in (0..<length).map { UInt8(truncatingIfNeeded: seed &* 37 &+ $0 &* 101) } }
        }
        for bytes in strings {
            #expect(Base64.decode(Base64.encode(bytes)) == bytes, "\(bytes)")
        }
        // Texts of 4 and 8 characters: whatever decodes must encode back to the same text.
        let letters = Array("AQgwB/+=*".utf8)
        var texts: [[UInt8]] = [[]]
        for _ in 0..<4 { texts = texts.flatMap { text in letters.map { text + [$0] } } }
        var accepted = 0
        for text in texts + texts.prefix(800).map({ Array("Zm9v".utf8) + $0 }) {
            let string = String(decoding: text, as: UTF8.self)
            guard let decoded = Base64.decode(string) else { continue }
            accepted += 1
            #expect(Base64.encode(decoded) == string, "\(string)")
        }
        #expect(accepted > 1_000)
    }

    @Test("JSON strings: plain, multi-byte, escaped and mixed text; invalid UTF-8 repaired; control characters and unterminated strings refused")
    func jsonStrings() throws {
        func parsed(_ text: [UInt8]) throws(DocumentError) -> String? { try JSONValue(parsing: text)["k"]?.string }
        func json(_ body: String) -> [UInt8] { Array("{\"k\":\"\(body)\"}".utf8) }
        #expect(try parsed(json("plain text")) == "plain text")
        #expect(try parsed(json("ä ✓ 😀")) == "ä ✓ 😀")
        #expect(try parsed(json(#"a\"b\\c\/d\b\f\n\r\t\u00e4\ud83d\ude00e"#)) == "a\"b\\c/d\u{8}\u{C}\n\r\t\u{E4}😀e")
        #expect(try parsed(json(#"\n only escapes at the start"#)) == "\n only escapes at the start")
        #expect(try parsed(json("")) == "")
        #expect(try parsed(Array("{\"k\":\"a".utf8) + [0xFF] + Array("b\"}".utf8)) == "a\u{FFFD}b")
        #expect(try parsed(Array("{\"k\":\"a\\n".utf8) + [0xC3] + Array("\"}".utf8)) == "a\n\u{FFFD}")
        for (text, phrase) in [(Array("{\"k\":\"a".utf8) + [0x01] + Array("\"}".utf8), "a control character inside a string"),
                               (Array("{\"k\":\"a\\nb".utf8), "a string is not terminated"),
                               (Array("{\"k\":\"abc".utf8), "a string is not terminated")] {
            #expect(throws: DocumentError.self) { try parsed(text) }
            do { _ = try parsed(text) } catch { #expect(error.message.contains(phrase), "\(error.message)") }
        }
    }
}
