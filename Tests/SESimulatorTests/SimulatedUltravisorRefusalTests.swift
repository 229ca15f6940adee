import SECore
import SECrypto
import SEDevice
import SESimulator
import SETestSupport
import Testing

@Suite("SimulatedUltravisor: refusals with the firmware's codes")
struct SimulatedUltravisorRefusalTests {
    typealias F = SimulatorFixture

    /// A valid request (nonce, phkh-img, phkh-att) for host.crt, changed by `edit`.
    private func refusal(
        hostKey: P521PrivateKey = F.hostKey, measurementSize: Int = 64, additionalDataSize: Int? = nil,
        _ edit: (inout [UInt8]) -> Void = { _ in }
    ) throws -> UltravisorError? {
        let flags: AttestationFlags = [.imagePHKH, .attestationPHKH]
        var arcb = try F.request(flags: flags).request.arcb
        edit(&arcb)
        let request = ExchangeRequest(
            arcb: arcb, measurementSize: measurementSize, additionalDataSize: additionalDataSize ?? flags.additionalDataSize)
        let simulator = try SimulatedUltravisor(hostKey: hostKey, header: F.header)
        return #expect(throws: UltravisorError.self) { try AttestationCall(request: request).perform(on: simulator) }
    }

    private func expectRefusal(_ error: UltravisorError?, _ code: UVReturnCode, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let hex = String(code.rawValue, radix: 16)
        #expect(error?.code == .ultravisor(UltravisorStatus(returnCode: code)), sourceLocation: sourceLocation)
        #expect(error?.message == "Ultravisor: '\(text)' (0x\(String(repeating: "0", count: 4 - hex.count) + hex),0x0000)", sourceLocation: sourceLocation)
    }

    private static func put(_ value: UInt64, width: Int, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<width {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (width - 1 - index)))
        }
    }

    @Test("an unsupported version is 0x0106")
    func version() throws {
        expectRefusal(try refusal { Self.put(0x200, width: 4, at: 0x08, in: &$0) }, .unsupportedVersion, "unsupported attestation-request version")
    }

    @Test("a length that does not fit the version is 0x0107", arguments: [
        "one byte more than rql", "rql and length one more", "truncated to the header",
    ])
    func length(change: String) throws {
        let error = try refusal { arcb in
            switch change {
            case "one byte more than rql": arcb.append(0)
            case "rql and length one more":
                arcb.append(0)
                Self.put(UInt64(arcb.count), width: 4, at: 0x0C, in: &arcb)
            default: arcb = Array(arcb.prefix(0x30))
            }
        }
        expectRefusal(error, .invalidLength, "invalid ARCB length for the given version")
    }

    @Test("no key slots is 0x0108")
    func noKeySlots() throws {
        expectRefusal(try refusal { $0[0x27] = 0 }, .invalidKeySlotCount, "number of key slots is 0 or larger than the UV supports for this version")
    }

    @Test("an encrypted-area size that does not match the nonce flag is 0x0109", arguments: [
        (64, 0x7000_0000_0000_0000 as UInt64), (96, 0x7000_0000_0000_0000), (80, 0x3000_0000_0000_0000),
    ])
    func encryptedSize(sea: Int, flags: UInt64) throws {
        let error = try refusal { arcb in
            Self.put(UInt64(sea), width: 4, at: 0x2C, in: &arcb)
            Self.put(flags, width: 8, at: 0x30, in: &arcb)
        }
        expectRefusal(error, .invalidEncryptedSize, "size of encrypted area does not match measurement-key length plus optional items (nonce)")
    }

    @Test("a flag outside bits 1-5 is 0x010a", arguments: [0, 6, 62, 63])
    func unsupportedFlag(bit: Int) throws {
        let error = try refusal { arcb in
            Self.put(0x7000_0000_0000_0000 | AttestationFlags(msb0Bit: bit).rawValue, width: 8, at: 0x30, in: &arcb)
        }
        expectRefusal(error, .unsupportedFlag, "unsupported plaintext attestation flag set")
    }

    @Test("an unknown measurement algorithm is 0x010b", arguments: [0 as UInt64, 2, 0x11])
    func algorithm(value: UInt64) throws {
        expectRefusal(try refusal { Self.put(value, width: 4, at: 0x38, in: &$0) }, .unsupportedAlgorithm, "unsupported measurement algorithm")
    }

    static let cannotDecryptText = "cannot decrypt the ARCB — most likely no key slot for this host's key"

    @Test("no key slot for the simulating key is 0x010c")
    func foreignKey() throws {
        expectRefusal(try refusal(hostKey: F.host2Key), .cannotDecrypt, Self.cannotDecryptText)
    }

    @Test("a key slot whose phkh was changed is 0x010c")
    func changedSlotHash() throws {
        expectRefusal(try refusal { $0[0xE0] ^= 0x01 }, .cannotDecrypt, Self.cannotDecryptText)
    }

    @Test("a tampered wrapped key, customer key, authenticated byte or ciphertext is 0x010c", arguments: [
        0xE0 + 32, 0x40 + 100, 0x3C, 0xE0 + 80 + 5,
    ])
    func tampered(offset: Int) throws {
        expectRefusal(try refusal { $0[offset] ^= 0x01 }, .cannotDecrypt, Self.cannotDecryptText)
    }

    @Test("a measurement area smaller than 64 bytes is 0x010d")
    func smallMeasurementArea() throws {
        expectRefusal(try refusal(measurementSize: 63), .measurementAreaTooSmall, "measurement buffer too small")
    }

    @Test("an additional-data area smaller than the flags need is 0x010e, with no output", arguments: [0, 63])
    func smallAdditionalDataArea(size: Int) throws {
        let flags: AttestationFlags = [.imagePHKH, .attestationPHKH]
        let simulator = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header)
        let arguments = try UltravisorArguments(
            arcb: try F.request(flags: flags).request.arcb, measurementSize: 64, additionalDataSize: size)
        let result = simulator.retrieveAttestationMeasurement(arguments)
        #expect(result.status.returnCode.rawValue == 0x010E)
        expectRefusal(
            .ultravisor(result.status), .additionalDataAreaTooSmall,
            "additional-data buffer too small for the requested additional data")
        #expect(result.measurement == Fixture.rep(0, 64))
        #expect(result.additionalData == Fixture.rep(0, size))
        #expect(result.cuid == Fixture.rep(0, 16))
    }

    @Test("an SE header without a key slot for the simulating host key is refused, naming both hashes")
    func headerWithoutKeySlot() throws {
        let other = try SEHeader(parsing: Fixture.bytes("pv/exp/secure_guest.hdr"))
        let error = #expect(throws: UltravisorError.self) {
            try SimulatedUltravisor(hostKey: F.hostKey, header: other)
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message == """
            the SE header has no key slot for the simulating host key \
            (hash 0x24933f75ee107c806fe602a7da7b610e54369af96a847f2dcc4fcfdbd81fbc05); its key slots are for \
            0x782966a6298f6f5968780c3134ca4c55958d2dbca5292f59e9f5d2670befaf2f: a machine with this host key \
            could not boot the image
            """)
    }

    @Test("the test header has a key slot for each test host key, and its tags are secure_guest.hdr's")
    func testHeaderSlots() throws {
        #expect(F.header.keySlots.map(\.phkh) == [F.hostPublicKey.phkh, F.host2PublicKey.phkh])
        #expect(F.tags == (try SEHeader(parsing: Fixture.bytes("pv/exp/secure_guest.hdr")).tags))
        for key in [F.hostKey, F.host2Key] {
            #expect(try SimulatedUltravisor(hostKey: key, header: F.header).phkh == key.publicKey.phkh)
        }
    }
}
