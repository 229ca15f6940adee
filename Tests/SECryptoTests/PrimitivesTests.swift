import Testing
import SECore
import SECrypto
import SETestSupport

@Suite struct PrimitivesTests {
    @Test func sha256AndSHA512OverParts() throws {
        let abc = Array("abc".utf8)
        #expect(Hex.encode(try SHA256.hash(abc)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try SHA256.hash(Array("a".utf8), secret(Array("b".utf8)), Array("abc".utf8)[2...]) == (try SHA256.hash(abc)))
        #expect(Hex.encode(try SHA512.hash(abc)) == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(Hex.encode(try SHA512.hash([UInt8]())) == "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
    }

    @Test func aesGCMKnownAnswer() throws {
        let vector = try knownAnswer("aes256gcm")
        let key = secret(knownHex(vector, "inputs", "key"))
        let iv = knownHex(vector, "inputs", "iv"), aad = knownHex(vector, "inputs", "aad")
        let sealed = try AESGCM.seal(secret(knownHex(vector, "inputs", "plaintext")), key: key, iv: iv, authenticating: aad)
        #expect(sealed.ciphertext == knownHex(vector, "expected_ciphertext"))
        #expect(sealed.tag == knownHex(vector, "expected_tag"))
        let opened = try AESGCM.open(sealed.ciphertext, tag: sealed.tag, key: key, iv: iv, authenticating: aad)
        #expect(revealed(opened) == knownHex(vector, "inputs", "plaintext"))
    }

    @Test func aesGCMRejectsTampering() throws {
        let key = secret(Fixture.rep(0x17, 32)), iv = Fixture.rep(0x55, 12), aad = Fixture.rep(0x01, 20)
        let sealed = try AESGCM.seal(secret(Fixture.rep(0x77, 64)), key: key, iv: iv, authenticating: aad)
        var badCiphertext = sealed.ciphertext
        badCiphertext[3] ^= 1
        var badTag = sealed.tag
        badTag[15] ^= 0x80
        var badAAD = aad
        badAAD[0] ^= 1
        let cases: [(ciphertext: [UInt8], tag: [UInt8], key: [UInt8], aad: [UInt8])] = [
            (badCiphertext, sealed.tag, Fixture.rep(0x17, 32), aad),
            (sealed.ciphertext, badTag, Fixture.rep(0x17, 32), aad),
            (sealed.ciphertext, sealed.tag, Fixture.rep(0x16, 32), aad),
            (sealed.ciphertext, sealed.tag, Fixture.rep(0x17, 32), badAAD),
        ]
        for bad in cases {
            let error = #expect(throws: CryptoError.self) {
                try AESGCM.open(bad.ciphertext, tag: bad.tag, key: secret(bad.key), iv: iv, authenticating: bad.aad)
            }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.message == "decryption failed, probably a GCM tag mismatch")
        }
    }

    @Test func aesGCMRejectsBadSizes() throws {
        #expect(throws: CryptoError.self) {
            try AESGCM.seal(secret([1]), key: secret(Fixture.rep(1, 16)), iv: Fixture.rep(0, 12), authenticating: [UInt8]())
        }
        #expect(throws: CryptoError.self) {
            try AESGCM.seal(secret([1]), key: secret(Fixture.rep(1, 32)), iv: Fixture.rep(0, 16), authenticating: [UInt8]())
        }
        #expect(throws: CryptoError.self) {
            try AESGCM.open([UInt8]([1]), tag: Fixture.rep(0, 15), key: secret(Fixture.rep(1, 32)), iv: Fixture.rep(0, 12), authenticating: [UInt8]())
        }
    }

    @Test func hmacSHA512KnownAnswer() throws {
        let vector = try knownAnswer("hmac_sha512_rfc4868")
        let code = try HMACSHA512.authenticationCode(key: secret(Fixture.rep(0x0b, 64)), knownHex(vector, "inputs", "message"))
        #expect(code == knownHex(vector, "expected"))
    }

    @Test func hmacSHA512OverSecretAndPublicParts() throws {
        let key = secret(Fixture.rep(0x0b, 64))
        let whole = try HMACSHA512.authenticationCode(key: key, Array("Hi There".utf8))
        let parts = try HMACSHA512.authenticationCode(key: key, Array("Hi".utf8), secret(Array(" Th".utf8)), [UInt8](), Array("ere".utf8))
        #expect(parts == whole)
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals(Fixture.rep(1, 64), Fixture.rep(1, 64)))
        #expect(!ConstantTime.equals(Fixture.rep(1, 64), Fixture.rep(1, 63) + [2]))
        #expect(!ConstantTime.equals(Fixture.rep(1, 64), Fixture.rep(1, 63)))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(ConstantTime.equals(secret(Fixture.rep(9, 16)), Fixture.rep(9, 16)))
    }

    @Test func systemRandomSource() throws {
        let random = SystemRandomSource()
        let first = try random.bytes(count: 32), second = try random.bytes(count: 32)
        #expect(first != second)
        #expect(try random.secret(count: 64).count == 64)
    }
}
