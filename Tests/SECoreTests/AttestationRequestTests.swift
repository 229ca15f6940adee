import Testing
@testable import SECore
import SETestSupport

@Suite struct AttestationRequestTests {
    static let arcb = Fixture.bytes("pv/exp/arcb.bin")

    @Test("pv/exp/arcb.bin: header, flags, MAI, customer key, key slot") func parsesKnownARCB() throws {
        let request = try AttestationRequest(parsing: Self.arcb)
        #expect(request.bytes == Self.arcb)
        #expect(request.header.magic == Fixture.rep(0, 8))
        #expect(request.header.version == 0x100)
        #expect(request.header.requestLength == 400)
        #expect(request.header.keySlotCount == 1)
        #expect(request.header.encryptedSize == 0x50)
        #expect(request.iv == Fixture.rep(0x55, 12))
        #expect(request.flags.rawValue == 0x7000_0000_0000_0000)
        #expect(request.flags == [.nonce, .imagePHKH, .attestationPHKH])
        #expect(request.algorithm == .hmacSHA512)
        #expect(request.customerKey == Fixture.bytes("pv/keys/public_cust.bin"))
        #expect(request.keySlots.count == 1)
        #expect(request.keySlots.first?.phkh == Known.phkhPVHost)
        // Same ARPK rep(17,32), same customer and host keys, zero IV: the same slot as keyslot.bin.
        #expect(request.keySlots.first?.bytes == Fixture.bytes("pv/exp/keyslot.bin"))
    }

    @Test("bytes 0x30..0x40 are flags, MAI and a zero word (auth_bin_bytes_0x30_0x40)") func authBinBytes() {
        #expect(Array(Self.arcb[0x30..<0x40]) == KnownAnswers.bytes("arcb", "auth_bin_bytes_0x30_0x40"))
        #expect(Array(Self.arcb[0x30..<0x40]) == hex("7000000000000000 00000001 00000000"))
    }

    @Test("the sealed split: AAD 0x130, ciphertext 80, tag last 16") func sealedSplit() throws {
        let request = try AttestationRequest(parsing: Self.arcb)
        #expect(Array(request.sealed.authenticatedData) == Array(Self.arcb[0..<0x130]))
        #expect(Array(request.sealed.ciphertext) == Array(Self.arcb[0x130..<0x180]))
        #expect(Array(request.sealed.tag) == Array(Self.arcb.suffix(16)))
    }

    @Test("authenticatedData(...) rebuilds the first 0xE0+80 bytes from the parsed fields",
          arguments: ["pv/exp/arcb.bin", "derived/e2e/arcb_all_flags.bin", "derived/e2e/arcb_nonce_only.bin"])
    func rebuildsAuthenticatedData(file: String) throws {
        let bytes = Fixture.bytes(file)
        let request = try AttestationRequest(parsing: bytes)
        let customerKey = try #require(request.customerKey)
        let rebuilt = AttestationRequest.authenticatedData(
            iv: request.iv, flags: request.flags, algorithm: request.algorithm, customerKey: customerKey,
            keySlots: request.keySlots, encryptedSize: request.sealed.ciphertext.count)
        #expect(rebuilt.count == 0xE0 + 80 * request.keySlots.count)
        #expect(rebuilt == Array(bytes.prefix(rebuilt.count)))
        #expect(rebuilt == Array(request.sealed.authenticatedData))
    }

    @Test("authenticatedData fills rql = 0x140 + 0x50·N, nks and sea (docs/formats.md §4.1)", arguments: [1, 2, 7, 255])
    func headerFieldsOfNewARCB(slots: Int) {
        let slot = KeySlot(phkh: Fixture.rep(0xa1, 32), wrappedKey: Fixture.rep(0xa2, 32), tag: Fixture.rep(0xa3, 16))
        let aad = AttestationRequest.authenticatedData(
            iv: Fixture.rep(0x55, 12), flags: [.nonce, .firmwareState], algorithm: .hmacSHA512,
            customerKey: Fixture.rep(0xc0, 160), keySlots: Array(repeating: slot, count: slots), encryptedSize: 80)
        #expect(aad.count == 0xE0 + 80 * slots)
        #expect(aad.bigEndianInteger(at: 0x0C, width: 4) == UInt64(0x140 + 0x50 * slots))
        #expect(aad[0x27] == UInt8(slots))
        #expect(aad.bigEndianInteger(at: 0x2C, width: 4) == 80)
        #expect(Array(aad[0x30..<0x40]) == hex("4400000000000000 00000001 00000000"))
        #expect(Array(aad[0x40..<0xE0]) == Fixture.rep(0xc0, 160))
        #expect(Array(aad.suffix(80)) == slot.bytes)
    }

    @Test("derived arcb_all_flags: flags 0x7C00000000000000, two key slots") func allFlags() throws {
        let request = try AttestationRequest(parsing: Fixture.bytes("derived/e2e/arcb_all_flags.bin"))
        #expect(request.bytes.count == 480)
        #expect(request.flags.rawValue == 0x7C00_0000_0000_0000)
        #expect(request.flags.additionalDataSize == 448)
        #expect(request.header.keySlotCount == 2)
        #expect(request.keySlots.map(\.phkh) == [Known.phkhPVHost, Known.phkhPVAttestHost])
        #expect(request.keySlots.first?.bytes == Fixture.bytes("pv/exp/keyslot.bin"))
        #expect(request.customerKey == Fixture.bytes("pv/keys/public_cust.bin"))
        #expect(request.sealed.ciphertext.count == 80)
    }

    @Test("derived arcb_nonce_only: flags 0x4000000000000000, no additional data") func nonceOnly() throws {
        let request = try AttestationRequest(parsing: Fixture.bytes("derived/e2e/arcb_nonce_only.bin"))
        #expect(request.bytes.count == 400)
        #expect(request.flags == .nonce)
        #expect(request.flags.additionalDataSize == 0)
        #expect(request.keySlots.map(\.phkh) == [Known.phkhPVHost])
        #expect(request.iv == Fixture.rep(0x55, 12))
    }

    // MARK: - Tamper cases (docs/formats.md §4.3, known_answers arcb.tamper_cases)

    @Test("a non-zero byte in the first eight is not an attestation request", arguments: 0..<8)
    func nonZeroMagic(offset: Int) {
        expectFormatError(.badMagic, mentioning: "does not contain an attestation request") { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: offset, byte: 0x11))
        }
    }

    @Test("byte 0x3b = 0x11 is the unknown algorithm 17") func unknownAlgorithm() {
        expectFormatError(.invalidValue, mentioning: "unknown algorithm type 17") { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: 0x3b, byte: 0x11))
        }
        expectFormatError(.invalidValue, mentioning: "unknown algorithm type 0") { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: 0x38, width: 4, value: 0))
        }
    }

    @Test("byte 0x3c (reserved) is not checked here: the GCM tag catches it") func reservedWordParses() throws {
        let request = try AttestationRequest(parsing: patched(Self.arcb, at: 0x3c, byte: 0x11))
        #expect(request.algorithm == .hmacSHA512)
    }

    @Test("any other version is refused", arguments: [UInt64(0), 0x200, 0x101, 0xFFFF_FFFF])
    func unsupportedVersion(version: UInt64) {
        expectFormatError(.unsupportedVersion, mentioning: "unknown version") { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: 0x08, width: 4, value: version))
        }
    }

    @Test("rql that differs from the length is refused", arguments: [UInt64(0), 48, 399, 401, 0xFFFF_FFFF])
    func lyingRequestLength(rql: UInt64) {
        expectFormatError(.badLength) { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: 0x0C, width: 4, value: rql))
        }
    }

    @Test("sea that does not fit rql is refused", arguments: [UInt64(385), 0x1000, 0xFFFF_FFFF, 337])
    func lyingEncryptedSize(sea: UInt64) {
        // 400 - 16 - 48 = 336 is the largest sea that leaves the header in the AAD.
        expectFormatError(.badLength) { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: 0x2C, width: 4, value: sea))
        }
    }

    @Test("an AAD without room for flags and MAI is too small (docs/formats.md §4.3 step 4)", arguments: [UInt64(336), 328, 321])
    func noRoomForFlags(sea: UInt64) {
        expectFormatError(.truncated) { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: 0x2C, width: 4, value: sea))
        }
    }

    @Test("sea below the 64-byte measurement key is refused (docs/formats.md §4.3 step 6)", arguments: [UInt64(0), 16, 63])
    func encryptedAreaTooSmall(sea: UInt64) {
        expectFormatError(.badLength, mentioning: "encrypted size too small") { () throws(FormatError) in
            try AttestationRequest(parsing: patched(Self.arcb, at: 0x2C, width: 4, value: sea))
        }
    }

    @Test("sea of 64 (no nonce) is accepted") func encryptedAreaWithoutNonce() throws {
        let request = try AttestationRequest(parsing: patched(Self.arcb, at: 0x2C, width: 4, value: 64))
        #expect(request.sealed.ciphertext.count == 64)
        // The AAD grew by 16 bytes: still one key slot and the customer key.
        #expect(request.keySlots.count == 1)
    }

    @Test("a truncated or extended ARCB is refused") func truncatedOrAppended() {
        expectFormatError(.badLength) { () throws(FormatError) in try AttestationRequest(parsing: Array(Self.arcb.dropLast())) }
        expectFormatError(.badLength) { () throws(FormatError) in try AttestationRequest(parsing: Self.arcb + [0]) }
        expectFormatError(.truncated) { () throws(FormatError) in try AttestationRequest(parsing: Array(Self.arcb.prefix(47))) }
        expectFormatError(.truncated) { () throws(FormatError) in try AttestationRequest(parsing: Array(Self.arcb.prefix(7))) }
        expectFormatError(.truncated) { () throws(FormatError) in try AttestationRequest(parsing: []) }
    }

    @Test("every prefix of arcb.bin is refused without trapping") func everyPrefixFails() {
        for count in 0..<Self.arcb.count {
            #expect(throws: FormatError.self, "prefix \(count)") { try AttestationRequest(parsing: Array(Self.arcb.prefix(count))) }
        }
    }

    @Test("every single-byte change parses or throws, never traps") func everyByteFlipIsHandled() {
        for offset in Self.arcb.indices {
            for value: UInt8 in [0x00, 0xff] where Self.arcb[offset] != value {
                _ = try? AttestationRequest(parsing: patched(Self.arcb, at: offset, byte: value))
            }
        }
    }

    // MARK: - nks and the authenticated data disagree

    @Test("nks larger than the slots present gives the slots present") func nksTooLarge() throws {
        let request = try AttestationRequest(parsing: patched(Self.arcb, at: 0x27, byte: 3))
        #expect(request.header.keySlotCount == 3)
        #expect(request.keySlots.count == 1)
    }

    @Test("nks 0 gives no key slots") func nksZero() throws {
        let request = try AttestationRequest(parsing: patched(Self.arcb, at: 0x27, byte: 0))
        #expect(request.keySlots.isEmpty)
        #expect(request.customerKey != nil)
    }

    @Test("an AAD of header, flags and MAI only has no customer key and no slots") func noCustomerKey() throws {
        // rql = 48 + 16 + 80 + 16: the customer key and the slot are cut out.
        let body = Array(Self.arcb[0x30..<0x40]) + Array(Self.arcb[0x130...])
        let bytes = patched(Array(Self.arcb[0..<0x30]), at: 0x0C, width: 4, value: 160) + body
        let request = try AttestationRequest(parsing: bytes)
        #expect(request.customerKey == nil)
        #expect(request.keySlots.isEmpty)
        #expect(request.flags.rawValue == 0x7000_0000_0000_0000)
    }

    @Test("an add-secret request is not an attestation request") func addSecretRequestRefused() {
        let asrcb = Fixture.bytes("pv/exp/asrcb/null_none_default_cuid_one")
        expectFormatError(.badMagic) { () throws(FormatError) in try AttestationRequest(parsing: asrcb) }
    }
}
