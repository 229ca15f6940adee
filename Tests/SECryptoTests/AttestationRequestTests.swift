import Testing
import SECore
import SECrypto
import SETestSupport

@Suite struct AttestationRequestTests {
    /// The inputs of `pv/exp/arcb.bin` (vectors/README.md).
    func goldenRandom() -> FixedRandomSource {
        FixedRandomSource(Fixture.rep(0x17, 32), Fixture.rep(0x55, 12), Fixture.rep(0x77, 64), Fixture.rep(0xab, 16))
    }

    @Test func buildsTheGoldenARCB() throws {
        let builder = try AttestationRequestBuilder(flags: [.imagePHKH, .attestationPHKH], hostKeys: [hostKey("pv/keys/host.pem.crt")])
        let (arcb, arpk) = try builder.build(random: goldenRandom(), customerKey: customerKey())
        #expect(arcb == Fixture.bytes("pv/exp/arcb.bin"))
        #expect(revealed(arpk) == Fixture.rep(0x17, 32))
        #expect(Hex.encode(arcb[0x30..<0x40]) == "70000000000000000000000100000000")
        #expect(Array(arcb[0xE0..<0x130]) == Fixture.bytes("pv/exp/keyslot.bin"))
    }

    @Test func opensTheGoldenARCB() throws {
        let request = try AttestationRequest(parsing: Fixture.bytes("pv/exp/arcb.bin"))
        let secrets = try AttestationRequestOpener(arpk: secret(Fixture.rep(0x17, 32))).open(request)
        #expect(revealed(secrets.measurementKey) == Fixture.rep(0x77, 64))
        #expect(secrets.nonce.map(revealed) == Fixture.rep(0xab, 16))
    }

    @Test func rejectsTheWrongARPK() throws {
        let request = try AttestationRequest(parsing: Fixture.bytes("pv/exp/arcb.bin"))
        let error = #expect(throws: CryptoError.self) {
            try AttestationRequestOpener(arpk: secret(Fixture.rep(0x16, 32))).open(request)
        }
        #expect(error?.code == .authenticationFailed)
        #expect(error?.message == "decryption failed, probably a GCM tag mismatch")
    }

    @Test func detectsTamperedAuthenticatedData() throws {
        var bytes = Fixture.bytes("pv/exp/arcb.bin")
        bytes[0x3c] = 0x11
        let request = try AttestationRequest(parsing: bytes)
        let error = #expect(throws: CryptoError.self) {
            try AttestationRequestOpener(arpk: secret(Fixture.rep(0x17, 32))).open(request)
        }
        #expect(error?.code == .authenticationFailed)
    }

    @Test func noNonceUnlessThePlaintextIs80Bytes() throws {
        // A request whose encrypted area is only the measurement key (old C tool, --x-no-nonce).
        let customer = try customerKey(), host = try hostKey("pv/keys/host.pem.crt")
        let arpk = secret(Fixture.rep(0x17, 32)), iv = Fixture.rep(0x55, 12)
        let slot = try KeySlot(wrapping: arpk, for: host, customerKey: customer)
        let aad = AttestationRequest.authenticatedData(iv: iv, flags: [], algorithm: .hmacSHA512,
                                                       customerKey: customer.publicKey.coordinateBlock, keySlots: [slot], encryptedSize: 64)
        let sealed = try AESGCM.seal(secret(Fixture.rep(0x77, 64)), key: arpk, iv: iv, authenticating: aad)
        let request = try AttestationRequest(parsing: aad + sealed.ciphertext + sealed.tag)
        let secrets = try AttestationRequestOpener(arpk: arpk).open(request)
        #expect(revealed(secrets.measurementKey) == Fixture.rep(0x77, 64))
        #expect(secrets.nonce == nil)
    }

    @Test func roundTripWithTwoHostKeys() throws {
        let builder = try AttestationRequestBuilder(flags: [.firmwareState], hostKeys: [hostKey("pv/cert/host.crt"), hostKey("pv/cert/host2.crt")])
        let (arcb, arpk) = try builder.build()
        #expect(arcb.count == 0x140 + 0x50 * 2)
        let request = try AttestationRequest(parsing: arcb)
        #expect(request.flags == [.nonce, .firmwareState])
        #expect(request.keySlots.count == 2)
        #expect(request.keySlots.map(\.phkh) == [try hostKey("pv/cert/host.crt").phkh, try hostKey("pv/cert/host2.crt").phkh])
        let expected = try AttestationRequestOpener(arpk: arpk).open(request)
        for keyFile in ["pv/cert/host.key", "pv/cert/host2.key"] {
            let opener = try AttestationRequestOpener(request: request, hostKey: P521PrivateKey(encoded: Fixture.bytes(keyFile)))
            #expect(revealed(opener.arpk) == revealed(arpk))
            let secrets = try opener.open(request)
            #expect(revealed(secrets.measurementKey) == revealed(expected.measurementKey))
            #expect(secrets.nonce.map(revealed) == expected.nonce.map(revealed))
        }
        let stranger = #expect(throws: CryptoError.self) {
            try AttestationRequestOpener(request: request, hostKey: P521PrivateKey(encoded: Fixture.bytes("pv/cert/host_rev.key")))
        }
        #expect(stranger?.code == .invalidKey)
    }

    @Test func freshSecretsForEveryRequest() throws {
        let builder = try AttestationRequestBuilder(flags: [], hostKeys: [hostKey("pv/cert/host.crt")])
        let first = try builder.build(), second = try builder.build()
        #expect(first.arcb != second.arcb)
        #expect(first.arcb[0x40..<0xE0] != second.arcb[0x40..<0xE0])
        #expect(revealed(first.arpk) != revealed(second.arpk))
    }

    @Test func hostKeyCountLimits() throws {
        let none = #expect(throws: CryptoError.self) { try AttestationRequestBuilder(flags: [], hostKeys: []) }
        #expect(none?.message == "no host key given")
        let key = try hostKey("pv/cert/host.crt")
        let tooMany = #expect(throws: CryptoError.self) {
            try AttestationRequestBuilder(flags: [], hostKeys: Array(repeating: key, count: 256))
        }
        #expect(tooMany?.message.hasPrefix("too many host keys") == true)
        let builder = try AttestationRequestBuilder(flags: [], hostKeys: Array(repeating: key, count: 3))
        let (arcb, _) = try builder.build()
        #expect(arcb[0x27] == 3)
        #expect(try AttestationRequestBuilder(flags: [], hostKeys: Array(repeating: key, count: 255)).hostKeys.count == 255)
    }
}
