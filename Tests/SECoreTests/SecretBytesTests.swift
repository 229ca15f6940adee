import Testing
@testable import SECore

@Suite struct SecretBytesTests {
    @Test("storage is zeroed when the secret is released") func wipedOnRelease() {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 16)
        defer { raw.deallocate() }
        raw.initializeMemory(as: UInt8.self, repeating: 0x17)
        do {
            let secret = SecretBytes(borrowing: raw)
            #expect(secret.withUnsafeBytes { $0.allSatisfy { $0 == 0x17 } })
        }
        #expect(raw.allSatisfy { $0 == 0 })
    }

    @Test("description never shows the bytes") func redacted() {
        let secret = SecretBytes(copying: [UInt8](repeating: 0xab, count: 16))
        #expect(secret.description == "SecretBytes(16 bytes, redacted)")
        #expect(!"\(secret)".contains("ab"))
    }

    @Test("subrange copies the requested bytes") func subrange() {
        let secret = SecretBytes(copying: Array(0..<80))
        let tail = secret.subrange(64..<80)
        #expect(tail.withUnsafeBytes { Array($0) } == Array(64..<80))
    }
}
