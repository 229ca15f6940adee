import Testing
@testable import SECore
import SETestSupport

@Suite struct AdditionalDataTests {
    static let allFlags = AttestationFlags(rawValue: 0x7C00_0000_0000_0000)
    static let secretStoreHash = hex("""
        d048702b4a79478b985e92e7edff453f63f2044e7d72faf12efd2eaea0cd0505\
        559ed6665a06f6b4f9c6fcf9f2960e6cd3c3cc8cafe57ac8406e616bf9529517
        """)

    @Test("resp_all_flags: all four items, nothing left over") func allFlags() throws {
        let response = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_all_flags.bin"))
        let split = try AdditionalData(splitting: try #require(response.additionalData), flags: Self.allFlags)
        #expect(split.imagePHKH == Known.phkhPVHost)
        #expect(split.attestationPHKH == Known.phkhPVAttestHost)
        #expect(split.secretStoreHash == Self.secretStoreHash)
        #expect(split.secretStoreHash == DerivedExpectations.e2e("all_flags")["secret_store_hash"].flatMap { ($0 as? String).map(hex) })
        #expect(split.firmwareState == Fixture.rep(0x2a, 320))
        #expect(split.unrecognized == nil)
        #expect(split.fields.map(\.kind) == [.imagePHKH, .attestationPHKH, .secretStoreHash, .firmwareState])
    }

    @Test("resp_phkh: image and attestation phkh, split with the ARCB's own flags") func phkhResponse() throws {
        let response = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        let flags = try AttestationRequest(parsing: response.arcb).flags
        let split = try AdditionalData(splitting: try #require(response.additionalData), flags: flags)
        #expect(split.imagePHKH == Known.phkhPVHost)
        #expect(split.attestationPHKH == Known.phkhPVHost)
        #expect(split.secretStoreHash == nil)
        #expect(split.firmwareState == nil)
        #expect(split.unrecognized == nil)
    }

    @Test("each item alone takes exactly its size", arguments: [
        (AttestationFlags.imagePHKH, 32), (.attestationPHKH, 32), (.secretStoreHash, 64), (.firmwareState, 320),
    ])
    func singleItem(flag: AttestationFlags, size: Int) throws {
        let data = Array(0..<UInt8(truncatingIfNeeded: 0)) + (0..<size).map { UInt8(truncatingIfNeeded: $0) }
        let split = try AdditionalData(splitting: data, flags: flag.union(.nonce))
        #expect(split.fields.count == 1)
        #expect(split.value(for: flag) == data)
        #expect(split.unrecognized == nil)
    }

    @Test("items are taken in bit order whatever order the flags were named in") func bitOrder() throws {
        let data = Fixture.rep(0xa1, 32) + Fixture.rep(0xb2, 64)
        let split = try AdditionalData(splitting: data, flags: AttestationFlags.secretStoreHash.union(.imagePHKH))
        #expect(split.imagePHKH == Fixture.rep(0xa1, 32))
        #expect(split.secretStoreHash == Fixture.rep(0xb2, 64))
        #expect(split.attestationPHKH == nil)
    }

    @Test("left-over bytes are unrecognized, not an error") func leftovers() throws {
        let split = try AdditionalData(splitting: Fixture.rep(0xa1, 32) + [1, 2, 3], flags: .imagePHKH)
        #expect(split.imagePHKH == Fixture.rep(0xa1, 32))
        #expect(split.unrecognized == [1, 2, 3])
    }

    @Test("without additional-data flags everything is unrecognized") func noFlags() throws {
        let split = try AdditionalData(splitting: Fixture.rep(0x13, 32), flags: .nonce)
        #expect(split.fields.isEmpty)
        #expect(split.unrecognized == Fixture.rep(0x13, 32))
        let reserved = try AdditionalData(splitting: [9], flags: AttestationFlags(rawValue: 0x8000_0000_0000_0003))
        #expect(reserved.unrecognized == [9])
    }

    @Test("no data and no flags: nothing at all") func empty() throws {
        let split = try AdditionalData(splitting: [], flags: [])
        #expect(split.fields.isEmpty)
        #expect(split.unrecognized == nil)
    }

    @Test("too short: .truncated naming the missing item", arguments: [
        (AttestationFlags.imagePHKH, 31, "Image PHKH"),
        (.attestationPHKH, 0, "Attestation PHKH"),
        (.secretStoreHash, 63, "Secret store hash"),
        (.firmwareState, 319, "Firmware state"),
        (AttestationFlags(rawValue: 0x7C00_0000_0000_0000), 447, "Firmware state"),
        (AttestationFlags(rawValue: 0x7C00_0000_0000_0000), 100, "Secret store hash"),
        (AttestationFlags(rawValue: 0x7000_0000_0000_0000), 32, "Attestation PHKH"),
    ])
    func tooShort(flags: AttestationFlags, count: Int, item: String) {
        let error = expectFormatError(.truncated, mentioning: item) { () throws(FormatError) in
            try AdditionalData(splitting: Fixture.rep(0x13, count), flags: flags)
        }
        #expect(error?.message.contains("additional data") == true)
    }
}
