import Testing
@testable import SECore

@Suite struct HexTests {
    @Test("hex round trip is lower case") func roundTrip() {
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    @Test("every byte value encodes to two digits and decodes back") func everyByte() {
        let all = (0...255).map { UInt8($0) }
        let text = Hex.encode(all)
        #expect(text.count == 512)
        #expect(text.hasPrefix("000102"))
        #expect(text.hasSuffix("fdfeff"))
        #expect(Hex.decode(text) == all)
        #expect(Hex.encode(all[250...]) == "fafbfcfdfeff")
    }

    @Test("empty input is empty output") func empty() {
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.decode("") == [])
    }

    @Test("anything but hex digits is refused", arguments: ["0x00", "g0", " 00", "00 ", "0", "é0", "٠٠", "--"])
    func refused(text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
