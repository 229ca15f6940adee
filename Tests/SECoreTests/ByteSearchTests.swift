import Testing
import SECore

@Suite("ByteSearch: a byte string in bytes")
struct ByteSearchTests {
    static let text = Array("--a--b-----BEGIN X-----".utf8)

    @Test("the first offset at or after the start; nil when absent, too long, empty or started past the end")
    func firstOffset() {
        Self.text.withUnsafeBytes { raw in
            #expect(ByteSearch.firstOffset(of: Array("--".utf8), in: raw) == 0)
            #expect(ByteSearch.firstOffset(of: Array("--".utf8), in: raw, from: 1) == 3)
            #expect(ByteSearch.firstOffset(of: Array("-----BEGIN".utf8), in: raw) == 6)
            #expect(ByteSearch.firstOffset(of: Array("X-----".utf8), in: raw) == 17)
            #expect(ByteSearch.firstOffset(of: Array("X------".utf8), in: raw) == nil)
            #expect(ByteSearch.firstOffset(of: Array("-----BEGIN".utf8), in: raw, from: 7) == nil)
            #expect(ByteSearch.firstOffset(of: [], in: raw) == nil)
            #expect(ByteSearch.firstOffset(of: Array("-".utf8), in: raw, from: 23) == nil)
            #expect(ByteSearch.firstOffset(of: Array("-".utf8), in: raw, from: -1) == nil)
        }
        #expect(ByteSearch.contains("BEGIN X", in: Self.text))
        #expect(!ByteSearch.contains("BEGIN Y", in: Self.text))
        #expect(!ByteSearch.contains("a", in: []))
    }
}
