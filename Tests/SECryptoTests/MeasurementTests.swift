import Testing
import SECore
import SECrypto
import SETestSupport

@Suite struct MeasurementTests {
    static let tags = SEHeaderTags(pld: Fixture.rep(0x01, 64), ald: Fixture.rep(0x02, 64), tld: Fixture.rep(0x03, 64), tag: Fixture.rep(0x04, 16))

    @Test(arguments: ["measurement_all", "measurement_user_add", "measurement_add", "measurement_minimal"])
    func knownAnswers(id: String) throws {
        let vector = try knownAnswer(id)
        let inputs = try #require(vector["inputs"] as? [String: String])
        func value(_ key: String, _ byte: UInt8, _ count: Int) -> [UInt8]? {
            inputs[key] == "absent" ? nil : Fixture.rep(byte, count)
        }
        let measurement = try AttestationMeasurement.compute(
            key: secret(Fixture.rep(0x41, 64)), tags: Self.tags, cuid: Fixture.rep(0x05, 16),
            userData: value("user_data", 0x07, 256) ?? [], nonce: value("nonce", 0x08, 16).map(secret),
            additionalData: value("additional_data", 0x09, 128) ?? [])
        #expect(measurement == knownHex(vector, "expected_hmac_sha512"))
    }

    /// The derived end-to-end responses (vectors/derived/e2e) against `secure_guest.hdr`.
    func verify(_ responseFile: String, arpk: [UInt8] = Fixture.rep(0x17, 32)) throws -> Bool {
        let response = try ExchangeResponse(parsing: Fixture.bytes(responseFile))
        let request = try AttestationRequest(parsing: response.arcb)
        let secrets = try AttestationRequestOpener(arpk: secret(arpk)).open(request)
        let tags = try SEHeader(parsing: Fixture.bytes("pv/exp/secure_guest.hdr")).tags
        return try AttestationMeasurement.verify(response, tags: tags, secrets: secrets)
    }

    @Test(arguments: ["resp_phkh", "resp_all_flags", "resp_nonce_only"])
    func derivedResponsesVerify(name: String) throws {
        #expect(try verify("derived/e2e/\(name).bin"))
    }

    @Test func tamperedMeasurementDoesNotVerify() throws {
        #expect(try verify("derived/e2e/resp_phkh_badmeas.bin") == false)
    }

    @Test func wrongARPKIsAnError() throws {
        let error = #expect(throws: CryptoError.self) {
            try verify("derived/e2e/resp_phkh.bin", arpk: Fixture.bytes("derived/e2e/arpk_wrong.bin"))
        }
        #expect(error?.code == .authenticationFailed)
    }

    @Test func derivedMeasurementValue() throws {
        let response = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        let secrets = try AttestationRequestOpener(arpk: secret(Fixture.bytes("derived/e2e/arpk.bin")))
            .open(AttestationRequest(parsing: response.arcb))
        let measurement = try AttestationMeasurement.compute(
            key: secrets.measurementKey, tags: SEHeader(parsing: Fixture.bytes("pv/exp/secure_guest.hdr")).tags,
            cuid: response.cuid, userData: response.userData ?? [], nonce: secrets.nonce, additionalData: response.additionalData ?? [])
        #expect(Hex.encode(measurement).hasPrefix("6c973663acd14270"))
        #expect(measurement == response.measurement)
    }

    @Test func truncatedMeasurementDoesNotVerify() throws {
        let original = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        let truncated = ExchangeResponse(arcb: original.arcb, measurement: Array(original.measurement.prefix(32)),
                                         additionalData: original.additionalData, userData: original.userData, cuid: original.cuid)
        let secrets = try AttestationRequestOpener(arpk: secret(Fixture.rep(0x17, 32))).open(AttestationRequest(parsing: original.arcb))
        let tags = try SEHeader(parsing: Fixture.bytes("pv/exp/secure_guest.hdr")).tags
        #expect(try AttestationMeasurement.verify(truncated, tags: tags, secrets: secrets) == false)
    }
}
