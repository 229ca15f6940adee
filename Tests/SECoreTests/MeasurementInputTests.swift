import Testing
@testable import SECore
import SETestSupport

@Suite struct MeasurementInputTests {
    static let cases = ["measurement_all", "measurement_user_add", "measurement_add", "measurement_minimal"]

    /// Reads `rep(XX,n)` / `absent` from a known_answers input.
    static func rep(_ text: String?) -> [UInt8]? {
        guard let text, text.hasPrefix("rep("), text.hasSuffix(")") else { return nil }
        let parts = text.dropFirst(4).dropLast().split(separator: ",")
        guard parts.count == 2, let byte = UInt8(parts[0], radix: 16), let count = Int(parts[1]) else { return nil }
        return Fixture.rep(byte, count)
    }

    static let tags = SEHeaderTags(
        pld: Fixture.rep(0x01, 64), ald: Fixture.rep(0x02, 64), tld: Fixture.rep(0x03, 64), tag: Fixture.rep(0x04, 16))

    @Test("the KAT inputs use PLD rep(01), ALD rep(02), TLD rep(03), tag rep(04), CUID rep(05)", arguments: cases)
    func commonInputs(id: String) throws {
        let inputs = try #require(KnownAnswers.vector(id)["inputs"] as? [String: String])
        #expect(Self.rep(inputs["pld"]) == Self.tags.pld)
        #expect(Self.rep(inputs["ald"]) == Self.tags.ald)
        #expect(Self.rep(inputs["tld"]) == Self.tags.tld)
        #expect(Self.rep(inputs["se_header_tag"]) == Self.tags.tag)
        #expect(Self.rep(inputs["cuid"]) == Fixture.rep(0x05, 16))
    }

    @Test("prefix layout for the measurement KAT inputs (docs/formats.md §6.1)", arguments: cases)
    func knownAnswerLayout(id: String) throws {
        let vector = KnownAnswers.vector(id)
        let inputs = try #require(vector["inputs"] as? [String: String])
        let user = Self.rep(inputs["user_data"]) ?? []
        let nonce = Self.rep(inputs["nonce"])
        let additional = Self.rep(inputs["additional_data"]) ?? []
        let prefix = MeasurementInput.prefix(
            tags: Self.tags, cuid: Fixture.rep(0x05, 16), userData: user, additionalDataCount: additional.count)

        #expect(prefix.count == 0xE8 + user.count)
        #expect(Array(prefix[0x000..<0x040]) == Fixture.rep(0x01, 64))
        #expect(Array(prefix[0x040..<0x080]) == Fixture.rep(0x02, 64))
        #expect(Array(prefix[0x080..<0x0C0]) == Fixture.rep(0x03, 64))
        #expect(Array(prefix[0x0C0..<0x0D0]) == Fixture.rep(0x04, 16))
        #expect(Array(prefix[0x0D0..<0x0E0]) == Fixture.rep(0x05, 16))
        #expect(prefix.bigEndianInteger(at: 0xE0, width: 2) == UInt64(user.count))
        #expect(prefix.bigEndianInteger(at: 0xE2, width: 2) == 0)
        #expect(prefix.bigEndianInteger(at: 0xE4, width: 4) == UInt64(additional.count))
        #expect(Array(prefix[0xE8...]) == user)
        // The MAC continues with the nonce and the additional data: the whole message length.
        let total = prefix.count + (nonce?.count ?? 0) + additional.count
        #expect(total == vector["hmac_input_length"] as? Int)
    }

    @Test("golden bytes 0xD0..0xE8 for measurement_all") func goldenLengthFields() {
        let prefix = MeasurementInput.prefix(
            tags: Self.tags, cuid: Fixture.rep(0x05, 16), userData: Fixture.rep(0x07, 256), additionalDataCount: 128)
        #expect(Array(prefix[0xD0..<0xE8]) == hex("05050505050505050505050505050505 0100 0000 00000080"))
    }

    @Test("the derived resp_phkh prefix: real header tags, CUID 00..0f, 37 bytes of user data") func derivedPHKH() throws {
        let tags = try SEHeader(parsing: Fixture.bytes("pv/exp/secure_guest.hdr")).tags
        let response = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        let user = try #require(response.userData)
        let prefix = MeasurementInput.prefix(
            tags: tags, cuid: response.cuid, userData: user, additionalDataCount: response.additionalData?.count ?? 0)
        #expect(prefix.count == 0xE8 + 37)
        #expect(Array(prefix[0..<0xD0]) == DerivedExpectations.common("tags_pld_ald_tld_tag"))
        #expect(Array(prefix[0xD0..<0xE8]) == hex("000102030405060708090a0b0c0d0e0f 0025 0000 00000040"))
        #expect(Array(prefix[0xE8...]) == Array(0x30...0x54))
    }

    @Test("the largest user data (256) and additional data (0x8000) are encoded in full") func largestLengths() {
        let prefix = MeasurementInput.prefix(
            tags: Self.tags, cuid: Fixture.rep(0x05, 16), userData: Fixture.rep(0x07, 0x100), additionalDataCount: 0x8000)
        #expect(Array(prefix[0xE0..<0xE8]) == hex("0100 0000 00008000"))
        #expect(prefix.count == 0x1E8)
    }
}
