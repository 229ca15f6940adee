import Testing
import SECore
@testable import SEAttestCLI

/// pvattest's spellings of the additional-data kinds: `--add-data` values and result keys.
@Suite struct AdditionalDataSpellingTests {
    @Test("--add-data values map to their kinds and back", arguments: [
        ("phkh-img", AdditionalDataKind.imagePHKH), ("phkh-att", .attestationPHKH),
        ("secret-store-hash", .secretStoreHash), ("firmware-state", .firmwareState),
    ])
    func addDataValues(value: String, kind: AdditionalDataKind) {
        #expect(AdditionalDataKind(addDataValue: value) == kind)
        #expect(kind.addDataValue == value)
    }

    @Test("unknown --add-data values are refused",
          arguments: ["", "nonce", "PHKH-IMG", "phkh_img", "phkh-img ", "firmware", "secret-store-hash,phkh-att"])
    func unknownAddDataValues(value: String) {
        #expect(AdditionalDataKind(addDataValue: value) == nil)
    }

    @Test("create's flag words: nonce only, phkh-img+phkh-att, all four") func createFlagWords() {
        let values = ["phkh-img", "phkh-att", "secret-store-hash", "firmware-state"]
        func word(_ selected: [String]) -> UInt64 {
            selected.compactMap { AdditionalDataKind(addDataValue: $0) }.reduce(AttestationFlags.nonce) { $0.union($1.flag) }.rawValue
        }
        #expect(word([]) == 0x4000_0000_0000_0000)
        #expect(word(["phkh-img", "phkh-att"]) == 0x7000_0000_0000_0000)
        #expect(word(["phkh-att", "phkh-img", "phkh-att"]) == 0x7000_0000_0000_0000)
        #expect(word(values) == 0x7C00_0000_0000_0000)
        #expect(AttestationFlags(rawValue: 0x7C00_0000_0000_0000).additionalDataKinds.map(\.addDataValue) == values)
    }

    @Test("result keys in bit order") func resultKeys() {
        #expect(AdditionalDataKind.allCases.map(\.resultKey) == ["image_phkh", "attestation_phkh", "secret_store_hash", "firmware_state"])
    }
}
