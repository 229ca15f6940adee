import Testing
import SECore
@testable import SECrypto
import SETestSupport

@Suite struct P521KeyTests {
    static let hostPHKH = "415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0"

    func hostKey() throws -> P521PublicKey {
        try SECryptoTests.hostKey("pv/keys/host.pem.crt")
    }

    @Test func hostKeyPHKH() throws {
        let key = try hostKey()
        #expect(Hex.encode(key.phkh) == Self.hostPHKH)
        #expect(key.coordinateBlock.count == 160)
        // The Y coordinate of this key is short: 15 zero bytes of padding, not 14.
        #expect(key.coordinateBlock[80..<95].allSatisfy { $0 == 0 })
    }

    @Test func pvattestHostKeyPHKH() throws {
        let key = try #require(try Certificate.loadAll(from: Fixture.bytes("pvattest/host.pem.crt")).first).publicKey()
        #expect(Hex.encode(key.phkh) == "596e8bf9ceb88e686c74ff007c6df5124e00156981279011f0c6c388b6e95892")
    }

    @Test func customerKeyFromPaddedScalar() throws {
        let key = try customerKey()
        #expect(key.publicKey.coordinateBlock == Fixture.bytes("pv/keys/public_cust.bin"))
        #expect(Hex.encode(key.publicKey.phkh) == "5ee905a9be70366815a45641afae00973b1f45292f43bcd7638ee2a73fd7c45e")
    }

    @Test func coordinateBlockRoundTrip() throws {
        let block = Fixture.bytes("pv/keys/public_cust.bin")
        let key = try P521PublicKey(coordinateBlock: block)
        #expect(key.coordinateBlock == block)
        #expect(key == (try customerKey()).publicKey)
    }

    @Test func exchangeKeyKnownAnswer() throws {
        let key = try customerKey().exchangeKey(with: hostKey())
        #expect(Hex.encode(revealed(key)) == "753277558f3b6003419ef249ae3c4b55aad77d09d97fdd1fc88fd8f0cf22f149")
    }

    @Test func exchangeKeyIsSymmetric() throws {
        let host = try P521PrivateKey(encoded: Fixture.bytes("pv/cert/host.key"))
        let customer = try P521PrivateKey()
        #expect(revealed(try customer.exchangeKey(with: host.publicKey)) == revealed(try host.exchangeKey(with: customer.publicKey)))
    }

    @Test func privateKeyMatchesItsCertificate() throws {
        let key = try P521PrivateKey(encoded: Fixture.bytes("pv/cert/host.key"))
        let certificate = try #require(try Certificate.loadAll(from: Fixture.bytes("pv/cert/host.crt")).first)
        #expect(key.publicKey == (try certificate.publicKey()))
        #expect(Hex.encode(key.publicKey.phkh) == "24933f75ee107c806fe602a7da7b610e54369af96a847f2dcc4fcfdbd81fbc05")
    }

    /// pv/cert/host.key with its point compressed, and a certificate for it made with
    /// `openssl req -x509` from that key: both encode the point as 02/03 ‖ X.
    static let compressedHostKey = """
-----BEGIN EC PRIVATE KEY-----
MIGYAgEBBEIA8rPNC6rxZR+GxSxbqWRreFGnWRQGd22nHWKAvQmrA5GlXTtWQMoL
8il9Jb1OnrQPPo620nQpzA1GXo4UBUqgYoSgBwYFK4EEACOhRgNEAAIBxjtDJ6UG
ukNiMYKlewBsHdzsAZ2DiY2CRYc68GPsEGnJiY1njch2oQQsbuGzPLw6+9Eheb2R
a1qXFqXPSU2OQGo=
-----END EC PRIVATE KEY-----
"""
    static let compressedHostCertificate = """
-----BEGIN CERTIFICATE-----
MIIB0DCCATKgAwIBAgIUQHhqZJoUGKXKZJXDQ6+wExZ3gZEwCgYIKoZIzj0EAwQw
GzEZMBcGA1UEAwwQY29tcHJlc3NlZCBwb2ludDAgFw0yNjEyMDYxNTExMjBaGA8y
MTI2MTExMjE1MTEyMFowGzEZMBcGA1UEAwwQY29tcHJlc3NlZCBwb2ludDBYMBAG
ByqGSM49AgEGBSuBBAAjA0QAAgHGO0MnpQa6Q2IxgqV7AGwd3OwBnYOJjYJFhzrw
Y+wQacmJjWeNyHahBCxu4bM8vDr70SF5vZFrWpcWpc9JTY5AaqNTMFEwHQYDVR0O
BBYEFL7uJkUE/iGgCVc2oTvaf/Uc5ReAMB8GA1UdIwQYMBaAFL7uJkUE/iGgCVc2
oTvaf/Uc5ReAMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwQDgYsAMIGHAkIA
7pKYhGqFeZwjlrbSZb9WRLQf1GIrw11Fv/YifpV7KtKfIANJYYQEPvC6MX3RBic6
Mfzk0AYwiZkaJTsw1c7DbHECQQw1IdRAhwaUAIPYV5z+j71StEhZHPDCfia3yXve
v2vc4xuPXqDUjW35rOY7uFhIvSVcmKIIaWJDFgc1qpEL7xOb
-----END CERTIFICATE-----
"""

    /// A compressed point is not copied from the encoding but read back from OpenSSL, and gives
    /// the same coordinate block as the uncompressed point of the same key.
    @Test func compressedPointsGiveTheSameCoordinateBlock() throws {
        let expected = try #require(try Certificate.loadAll(from: Fixture.bytes("pv/cert/host.crt")).first).publicKey()
        let certificate = try #require(try Certificate.loadAll(from: Array(Self.compressedHostCertificate.utf8)).first)
        let fromCertificate = try certificate.publicKey()
        #expect(fromCertificate.coordinateBlock == expected.coordinateBlock)
        #expect(fromCertificate.phkh == expected.phkh)
        let fromPrivateKey = try P521PrivateKey(encoded: Array(Self.compressedHostKey.utf8)).publicKey
        #expect(fromPrivateKey.coordinateBlock == expected.coordinateBlock)
        #expect(fromPrivateKey.phkh == expected.phkh)
    }

    /// The check before every ECDH: on the curve and coordinates below the prime p = 2^521 - 1.
    @Test func pointOnCurveCheck() throws {
        let block = try hostKey().coordinateBlock
        try P521.checkPointOnCurve(coordinateBlock: block)
        var offCurve = block
        offCurve[159] ^= 1
        #expect(throws: CryptoError.self) { try P521.checkPointOnCurve(coordinateBlock: offCurve) }
        // X + p: the same point modulo p, but not a coordinate.
        var unreduced = block
        var carry = 0
        for index in stride(from: 79, through: 14, by: -1) {
            let sum = Int(unreduced[index]) + (index == 14 ? 0x01 : 0xff) + carry
            unreduced[index] = UInt8(sum & 0xff)
            carry = sum >> 8
        }
        #expect(carry == 0 && unreduced[14] <= 0x03)
        let error = #expect(throws: CryptoError.self) { try P521.checkPointOnCurve(coordinateBlock: unreduced) }
        #expect(error?.message == "the EC public key is not a point on the P-521 curve")
    }

    @Test func freshKeysDiffer() throws {
        #expect(try P521PrivateKey().publicKey != (try P521PrivateKey()).publicKey)
    }

    @Test func rejectsBadCoordinateBlocks() throws {
        var block = Fixture.bytes("pv/keys/public_cust.bin")
        #expect(throws: CryptoError.self) { try P521PublicKey(coordinateBlock: Array(block.prefix(159))) }
        block[0] = 1
        let padding = #expect(throws: CryptoError.self) { try P521PublicKey(coordinateBlock: block) }
        #expect(padding?.code == .invalidKey)
        block = Fixture.bytes("pv/keys/public_cust.bin")
        block[159] ^= 1
        let offCurve = #expect(throws: CryptoError.self) { try P521PublicKey(coordinateBlock: block) }
        #expect(offCurve?.code == .invalidKey)
        #expect(offCurve?.message.contains("not") == true)
    }

    @Test func rejectsBadPaddedScalars() throws {
        #expect(throws: CryptoError.self) { try P521PrivateKey(paddedScalar: secret(Fixture.rep(0, 80))) }
        #expect(throws: CryptoError.self) { try P521PrivateKey(paddedScalar: secret(Fixture.rep(0xff, 80))) }
        #expect(throws: CryptoError.self) { try P521PrivateKey(paddedScalar: secret(Fixture.rep(1, 66))) }
        // Above the group order n: 14 zero bytes, then all ones.
        #expect(throws: CryptoError.self) { try P521PrivateKey(paddedScalar: secret(Fixture.rep(0, 14) + Fixture.rep(0xff, 66))) }
    }

    @Test func rejectsNonP521PrivateKeys() throws {
        let rsa = #expect(throws: CryptoError.self) { try P521PrivateKey(encoded: Fixture.bytes("pv/cert/ibm.key")) }
        #expect(rsa?.code == .invalidKey)
        #expect(rsa?.message == "is not an EC P-521 key (found RSA 4096-bit)")
        let garbage = #expect(throws: CryptoError.self) { try P521PrivateKey(encoded: Fixture.rep(0x30, 40)) }
        #expect(garbage?.code == .decodingFailed)
    }
}
