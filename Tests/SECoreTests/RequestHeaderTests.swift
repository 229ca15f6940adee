import Testing
@testable import SECore
import SETestSupport

@Suite struct RequestHeaderTests {
    static let noMagic = RequestHeader(
        magic: Fixture.rep(0, 8), version: 0x200, requestLength: 22, iv: Fixture.rep(0x11, 12),
        keySlotCount: 15, encryptedSize: 44)
    static let withMagic = RequestHeader(
        magic: hex("12345689abcdef00"), version: 0x200, requestLength: 0x1234, iv: Fixture.rep(0x11, 12),
        keySlotCount: 15, encryptedSize: 44)

    @Test("header without magic matches request_header_no_magic") func noMagicKnownAnswer() throws {
        let expected = KnownAnswers.bytes("request_header_no_magic", "expected_48_bytes")
        #expect(Self.noMagic.bytes == expected)
        #expect(try RequestHeader(parsing: expected[...]) == Self.noMagic)
    }

    @Test("header with magic matches request_header_with_magic") func withMagicKnownAnswer() throws {
        let expected = KnownAnswers.bytes("request_header_with_magic", "expected_48_bytes")
        #expect(Self.withMagic.bytes == expected)
        #expect(try RequestHeader(parsing: expected[...]) == Self.withMagic)
    }

    @Test("header, plain AAD and key slot compose build_aad (rql = 48+8+80+16+16 = 168)") func buildAAD() {
        let header = RequestHeader(
            magic: hex("12345689abcdef00"), version: 0x200, requestLength: 168, iv: Fixture.rep(0x11, 12),
            keySlotCount: 1, encryptedSize: 16)
        let aad = header.bytes + Fixture.rep(0x55, 8) + Fixture.bytes("pv/exp/keyslot.bin")
        #expect(aad == KnownAnswers.bytes("build_aad", "expected"))
    }

    @Test("the field offsets of docs/formats.md §3.1") func fieldOffsets() {
        let bytes = RequestHeader(
            magic: Array(1...8), version: 0x0a0b_0c0d, requestLength: 0x1011_1213, iv: Array(0x20..<0x2c),
            keySlotCount: 0xee, encryptedSize: 0x3031_3233).bytes
        #expect(bytes.count == RequestHeader.size)
        #expect(Array(bytes[0x00..<0x08]) == Array(1...8))
        #expect(Array(bytes[0x08..<0x0c]) == [0x0a, 0x0b, 0x0c, 0x0d])
        #expect(Array(bytes[0x0c..<0x10]) == [0x10, 0x11, 0x12, 0x13])
        #expect(Array(bytes[0x10..<0x1c]) == Array(0x20..<0x2c))
        #expect(bytes[0x1c..<0x27].allSatisfy { $0 == 0 })
        #expect(bytes[0x27] == 0xee)
        #expect(bytes[0x28..<0x2c].allSatisfy { $0 == 0 })
        #expect(Array(bytes[0x2c..<0x30]) == [0x30, 0x31, 0x32, 0x33])
    }

    @Test("a header is read from a slice that does not start at 0") func parsesSlice() throws {
        let bytes = [0xff, 0xff] + KnownAnswers.bytes("request_header_with_magic", "expected_48_bytes")
        #expect(try RequestHeader(parsing: bytes[2...]) == Self.withMagic)
    }

    @Test("47 bytes are not a header") func truncatedHeader() {
        let bytes = Array(KnownAnswers.bytes("request_header_no_magic", "expected_48_bytes").dropLast())
        expectFormatError(.truncated, mentioning: "request header") { () throws(FormatError) in
            try RequestHeader(parsing: bytes[...])
        }
    }
}

@Suite struct SealedRequestTests {
    /// A request of `aad` authenticated bytes (header included), `sea` encrypted bytes and a tag,
    /// whose header says `rql`/`sea` unless overridden; each region is filled with its own byte.
    static func request(aad: Int, sea: Int, rql: Int? = nil, seaField: Int? = nil) -> [UInt8] {
        let length = aad + sea + 16
        let header = RequestHeader(
            magic: Fixture.rep(0, 8), version: 0x100, requestLength: UInt32(truncatingIfNeeded: rql ?? length),
            iv: Fixture.rep(0x55, 12), keySlotCount: 1, encryptedSize: UInt32(truncatingIfNeeded: seaField ?? sea))
        return header.bytes + Fixture.rep(0xaa, aad - RequestHeader.size) + Fixture.rep(0xcc, sea) + Fixture.rep(0x77, 16)
    }

    @Test("rql and sea split the request into AAD, ciphertext and tag (docs/formats.md §3.3)") func splits() throws {
        let bytes = Self.request(aad: 0x40, sea: 0x50)
        let sealed = try SealedRequest(parsing: bytes, kind: "test request")
        #expect(sealed.bytes == bytes)
        #expect(sealed.header.requestLength == 0xA0)
        #expect(Array(sealed.authenticatedData) == Array(bytes[0..<0x40]))
        #expect(sealed.ciphertext.startIndex == 0x40)
        #expect(Array(sealed.ciphertext) == Fixture.rep(0xcc, 0x50))
        #expect(Array(sealed.tag) == Fixture.rep(0x77, 16))
    }

    @Test("the smallest request: a bare header, nothing encrypted, a tag") func minimal() throws {
        let sealed = try SealedRequest(parsing: Self.request(aad: 48, sea: 0), kind: "test request")
        #expect(sealed.authenticatedData.count == 48)
        #expect(sealed.ciphertext.isEmpty)
        #expect(sealed.tag.count == 16)
    }

    @Test("fewer than 48 bytes: binary request too small", arguments: [0, 1, 8, 47])
    func tooSmall(count: Int) {
        let bytes = Array(Self.request(aad: 48, sea: 0).prefix(count))
        expectFormatError(.truncated, mentioning: "binary request too small") { () throws(FormatError) in
            try SealedRequest(parsing: bytes, kind: "test request")
        }
    }

    @Test("the buffer must be exactly rql bytes (docs/formats.md §14.2)", arguments: [-1, 1, 0x1000])
    func lengthMustEqualRQL(delta: Int) {
        let bytes = Self.request(aad: 0x40, sea: 0x50, rql: 0xA0 + delta)
        expectFormatError(.badLength, mentioning: "test request") { () throws(FormatError) in
            try SealedRequest(parsing: bytes, kind: "test request")
        }
        let good = Self.request(aad: 0x40, sea: 0x50)
        let resized = delta < 0 ? Array(good.dropLast(-delta)) : good + Fixture.rep(0, delta)
        expectFormatError(.badLength) { () throws(FormatError) in
            try SealedRequest(parsing: resized, kind: "test request")
        }
    }

    @Test("sea + 16 > rql is refused", arguments: [0x91, 0x100, 0xFFFF_FFFF])
    func encryptedAreaTooLarge(sea: Int) {
        let bytes = Self.request(aad: 0x40, sea: 0x50, seaField: sea)
        expectFormatError(.badLength, mentioning: "binary request too small") { () throws(FormatError) in
            try SealedRequest(parsing: bytes, kind: "test request")
        }
    }

    @Test("an AAD shorter than the 48-byte header is refused", arguments: [0x61, 0x70, 0x90])
    func authenticatedDataTooSmall(sea: Int) {
        // 0xA0 bytes: with sea 0x61 the AAD would be 0x2F bytes, with 0x90 none at all.
        let bytes = Self.request(aad: 0x40, sea: 0x50, seaField: sea)
        expectFormatError(.badLength, mentioning: "binary request too small") { () throws(FormatError) in
            try SealedRequest(parsing: bytes, kind: "test request")
        }
    }

    @Test("sea exactly rql - 16 - 48 is the largest accepted") func largestEncryptedArea() throws {
        let sealed = try SealedRequest(parsing: Self.request(aad: 0x40, sea: 0x50, seaField: 0x60), kind: "test request")
        #expect(sealed.authenticatedData.count == 0x30)
        #expect(sealed.ciphertext.count == 0x60)
    }

    @Test("an rql of 0xFFFFFFFF is refused, not trusted") func hugeRequestLength() {
        let bytes = Self.request(aad: 0x40, sea: 0x50, rql: 0xFFFF_FFFF)
        expectFormatError(.badLength) { () throws(FormatError) in
            try SealedRequest(parsing: bytes, kind: "test request")
        }
    }
}

@Suite struct KeySlotTests {
    @Test("pv/exp/keyslot.bin: phkh, wrapped key, tag") func parsesKnownSlot() throws {
        let bytes = Fixture.bytes("pv/exp/keyslot.bin")
        #expect(bytes == KnownAnswers.bytes("keyslot", "expected"))
        let slot = try KeySlot(parsing: bytes[...])
        #expect(slot.phkh == Known.phkhPVHost)
        #expect(slot.wrappedKey == hex("c07743c154ac20653815af37b196ad1ef8e847690c5c1ef985291df18e6870d8"))
        #expect(slot.tag == hex("a038978d7ccb85b5b32bd40c15c6353f"))
        #expect(slot.bytes == bytes)
        #expect(KeySlot(phkh: slot.phkh, wrappedKey: slot.wrappedKey, tag: slot.tag) == slot)
    }

    @Test("79 bytes are not a key slot") func truncatedSlot() {
        let bytes = Array(Fixture.bytes("pv/exp/keyslot.bin").dropLast())
        expectFormatError(.truncated, mentioning: "key slot") { () throws(FormatError) in
            try KeySlot(parsing: bytes[...])
        }
    }
}
