import Testing
import SECore
import SECrypto
import SETestSupport

@Suite struct KeySlotTests {
    @Test func wrapsTheGoldenKeySlot() throws {
        let slot = try KeySlot(wrapping: secret(Fixture.rep(0x17, 32)), for: hostKey("pv/keys/host.pem.crt"), customerKey: customerKey())
        #expect(slot.bytes == Fixture.bytes("pv/exp/keyslot.bin"))
        let other = try KeySlot(wrapping: secret(Fixture.rep(0x16, 32)), for: hostKey("pv/keys/host.pem.crt"), customerKey: customerKey())
        #expect(other.bytes != slot.bytes)
        #expect(other.phkh == slot.phkh)
    }

    @Test func unwrapsWithTheHostKey() throws {
        let host = try P521PrivateKey(encoded: Fixture.bytes("pv/cert/host.key"))
        let customer = try P521PrivateKey()
        let slot = try KeySlot(wrapping: secret(Fixture.rep(0x42, 32)), for: hostKey("pv/cert/host.crt"), customerKey: customer)
        #expect(revealed(try slot.unwrap(hostKey: host, customerKey: customer.publicKey)) == Fixture.rep(0x42, 32))
    }

    @Test func refusesAnotherHostsSlot() throws {
        let slot = try KeySlot(parsing: Fixture.bytes("pv/exp/keyslot.bin")[...])
        let error = #expect(throws: CryptoError.self) {
            try slot.unwrap(hostKey: P521PrivateKey(encoded: Fixture.bytes("pv/cert/host.key")), customerKey: customerKey().publicKey)
        }
        #expect(error?.code == .invalidKey)
    }

    @Test func detectsATamperedSlot() throws {
        let host = try P521PrivateKey(encoded: Fixture.bytes("pv/cert/host.key"))
        let customer = try P521PrivateKey()
        let slot = try KeySlot(wrapping: secret(Fixture.rep(0x42, 32)), for: host.publicKey, customerKey: customer)
        var wrapped = slot.wrappedKey
        wrapped[0] ^= 1
        let tampered = KeySlot(phkh: slot.phkh, wrappedKey: wrapped, tag: slot.tag)
        let error = #expect(throws: CryptoError.self) { try tampered.unwrap(hostKey: host, customerKey: customer.publicKey) }
        #expect(error?.code == .authenticationFailed)
    }

    @Test func rejectsAShortProtectionKey() throws {
        #expect(throws: CryptoError.self) {
            try KeySlot(wrapping: secret(Fixture.rep(0x17, 16)), for: hostKey("pv/keys/host.pem.crt"), customerKey: customerKey())
        }
    }
}
