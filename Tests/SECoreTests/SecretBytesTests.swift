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
        #expect(secret.debugDescription == secret.description)
        #expect(!"\(secret)".contains("ab"))
    }

    @Test("subrange copies the requested bytes") func subrange() {
        let secret = SecretBytes(copying: Array(0..<80))
        let tail = secret.subrange(64..<80)
        #expect(tail.count == 16)
        #expect(tail.withUnsafeBytes { Array($0) } == Array(64..<80))
    }

    @Test("a new secret is zeros, filled through withUnsafeMutableBytes") func fill() {
        let secret = SecretBytes(count: 32)
        #expect(secret.count == 32)
        #expect(secret.withUnsafeBytes { $0.allSatisfy { $0 == 0 } })
        secret.withUnsafeMutableBytes { $0.copyBytes(from: (0..<32).map { UInt8($0) }) }
        #expect(secret.withUnsafeBytes { Array($0) } == (0..<32).map { UInt8($0) })
    }

    @Test("an empty secret has no bytes") func empty() {
        let secret = SecretBytes(count: 0)
        #expect(secret.count == 0)
        #expect(secret.withUnsafeBytes { $0.count } == 0)
        #expect(SecretBytes(copying: [UInt8]()).count == 0)
    }

    @Test("copying from a slice takes exactly the slice") func copyingSlice() {
        let bytes: [UInt8] = Array(0..<10)
        let secret = SecretBytes(copying: bytes[3..<7])
        #expect(secret.withUnsafeBytes { Array($0) } == [3, 4, 5, 6])
    }
}

@Suite struct SecretBytesSubrangeTests {
    @Test("a range beyond the bytes present is clamped, never a trap") func clamped() {
        let secret = SecretBytes(copying: Array(0..<8))
        #expect(secret.subrange(4..<20).withUnsafeBytes { Array($0) } == [4, 5, 6, 7])
        #expect(secret.subrange(10..<20).count == 0)
        #expect(secret.subrange(-3..<2).withUnsafeBytes { Array($0) } == [0, 1])
    }
}
