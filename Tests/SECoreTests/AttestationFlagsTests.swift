import Testing
@testable import SECore

@Suite struct AttestationFlagsTests {
    /// The 64-bit word as it is stored in the ARCB (big-endian).
    static func stored(_ flags: AttestationFlags) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(flags.rawValue)
        return writer.bytes
    }

    @Test("MSB0 bit numbering matches known_answers msb0_flags") func msb0KnownAnswers() throws {
        let cases = try #require(KnownAnswers.vector("msb0_flags")["cases"] as? [[String: Any]])
        #expect(cases.count == 6)
        for entry in cases {
            let bits = try #require(entry["set_bits"] as? [Int])
            let flags = bits.reduce(AttestationFlags()) { $0.union(AttestationFlags(msb0Bit: $1)) }
            if let bytes = entry["bytes"] as? String {
                #expect(Self.stored(flags) == hex(bytes), "bits \(bits)")
            } else {
                let value = try #require(entry["as_u64"] as? String)
                #expect(flags.rawValue == UInt64(value.dropFirst(2), radix: 16), "bits \(bits)")
            }
        }
    }

    @Test("bit numbers outside 0...63 give no flag") func outOfRangeBits() {
        #expect(AttestationFlags(msb0Bit: -1).rawValue == 0)
        #expect(AttestationFlags(msb0Bit: 64).rawValue == 0)
        #expect(AttestationFlags(msb0Bit: .max).rawValue == 0)
        #expect(AttestationFlags(msb0Bit: 0).rawValue == 0x8000_0000_0000_0000)
        #expect(AttestationFlags(msb0Bit: 63).rawValue == 1)
    }

    @Test("named flags are bits 1 to 5 (docs/formats.md §5.1)") func namedFlags() {
        #expect(AttestationFlags.nonce.rawValue == 0x4000_0000_0000_0000)
        #expect(AttestationFlags.imagePHKH.rawValue == 0x2000_0000_0000_0000)
        #expect(AttestationFlags.attestationPHKH.rawValue == 0x1000_0000_0000_0000)
        #expect(AttestationFlags.secretStoreHash.rawValue == 0x0800_0000_0000_0000)
        #expect(AttestationFlags.firmwareState.rawValue == 0x0400_0000_0000_0000)
    }

    @Test("additional-data sizes: 32, 32, 64, 320; 448 for all four") func additionalDataSizes() {
        #expect(AttestationFlags.imagePHKH.additionalDataSize == 32)
        #expect(AttestationFlags.attestationPHKH.additionalDataSize == 32)
        #expect(AttestationFlags.secretStoreHash.additionalDataSize == 64)
        #expect(AttestationFlags.firmwareState.additionalDataSize == 320)
        #expect(AttestationFlags.nonce.additionalDataSize == 0)
        #expect(AttestationFlags().additionalDataSize == 0)
        #expect(AttestationFlags(rawValue: 0x7000_0000_0000_0000).additionalDataSize == 64)
        #expect(AttestationFlags(rawValue: 0x7C00_0000_0000_0000).additionalDataSize == 448)
        #expect(AttestationFlags(rawValue: 0x3C00_0000_0000_0000).additionalDataSize == 0x1C0)
    }

    @Test("reserved bits carry no additional data and survive in rawValue") func reservedBits() {
        let flags = AttestationFlags(rawValue: 0x8000_0000_0000_0003 | 0x0200_0000_0000_0000)
        #expect(flags.additionalDataSize == 0)
        #expect(flags.additionalDataKinds.isEmpty)
        #expect(flags.rawValue == 0x8200_0000_0000_0003)
        #expect(AttestationFlags(rawValue: .max).additionalDataSize == 448)
    }

    @Test("additional-data kinds are listed in bit order") func kindOrder() {
        let kinds = AdditionalDataKind.allCases
        #expect(kinds.map(\.flag) == [.imagePHKH, .attestationPHKH, .secretStoreHash, .firmwareState])
        #expect(kinds.map(\.size) == [32, 32, 64, 320])
        #expect(AttestationFlags(rawValue: 0x7C00_0000_0000_0000).additionalDataKinds == kinds)
        #expect(AttestationFlags(rawValue: 0x2800_0000_0000_0000).additionalDataKinds == [.imagePHKH, .secretStoreHash])
    }
}

@Suite struct MeasurementAlgorithmTests {
    @Test("MAI 1 is HMAC-SHA512 with 64-byte key and measurement") func hmacSHA512() {
        #expect(MeasurementAlgorithm(rawValue: 1) == .hmacSHA512)
        #expect(MeasurementAlgorithm.hmacSHA512.measurementSize == 64)
        #expect(MeasurementAlgorithm.hmacSHA512.keySize == 64)
    }

    @Test("every other MAI is unknown", arguments: [UInt32(0), 2, 17, 0x100, .max])
    func unknown(raw: UInt32) {
        #expect(MeasurementAlgorithm(rawValue: raw) == nil)
    }
}
