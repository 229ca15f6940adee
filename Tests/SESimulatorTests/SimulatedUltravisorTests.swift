import Foundation
import SECore
import SECrypto
import SEDevice
import SESimulator
import SETestSupport
import Testing

@Suite("SimulatedUltravisor: responses that verify")
struct SimulatedUltravisorTests {
    typealias F = SimulatorFixture

    static let additionalDataFlags: [AttestationFlags] = (0..<16).map { bits in
        AdditionalDataKind.allCases.enumerated().reduce(into: AttestationFlags()) { flags, item in
            if bits & (1 << item.offset) != 0 { flags.insert(item.element.flag) }
        }
    }

    static let userDataSizes = [0, 1, 256]

    @Test("simulate → verify round trip", arguments: additionalDataFlags, userDataSizes)
    func roundTrip(flags: AttestationFlags, userDataSize: Int) throws {
        let (request, arpk) = try F.request(flags: flags)
        let userData = userDataSize == 0 ? nil : (0..<userDataSize).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let simulator = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header)
        let response = try AttestationCall(request: request, userData: userData).perform(on: simulator)

        #expect(try F.verifies(response, arpk: arpk))
        #expect(response.arcb == request.arcb)
        #expect(response.measurement.count == 64)
        #expect(response.userData == userData)
        #expect(response.cuid.count == 16)
        if flags.additionalDataSize == 0 {
            #expect(response.additionalData == nil)
        } else {
            let additional = try AdditionalData(splitting: try #require(response.additionalData), flags: flags)
            let phkh = F.hostPublicKey.phkh
            #expect(additional.imagePHKH == (flags.contains(.imagePHKH) ? phkh : nil))
            #expect(additional.attestationPHKH == (flags.contains(.attestationPHKH) ? phkh : nil))
            #expect(additional.secretStoreHash == (flags.contains(.secretStoreHash) ? Self.emptyUnlockedStoreHash : nil))
            #expect(additional.firmwareState == (flags.contains(.firmwareState) ? Fixture.rep(0, 320) : nil))
            #expect(additional.unrecognized == nil)
        }
    }

    /// SHA-512 of the single byte 0x00 (docs/formats.md §6.3, known answer "no requests, unlocked").
    static let emptyUnlockedStoreHash = Hex.decode(
        "b8244d028981d693af7b456af8efa4cad63d282e19ff14942c246e50d9351d22704a802a71c3580b6370de4ceb293c324a8423342557d4e5c38438f0e36910ee")

    @Test("a request file expecting 1000 bytes of additional data whose flags imply 32 is answered with those 32, which verify")
    func oversizedExpectedAdditionalData() throws {
        let (built, arpk) = try F.request(flags: [.attestationPHKH])
        let file = ExchangeRequest(arcb: built.arcb, measurementSize: 64, additionalDataSize: 1000).bytes
        let request = try ExchangeRequest(parsing: file)
        #expect(request.additionalDataSize == 1000)
        var notices: [String] = []
        let simulator = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header)
        let response = try AttestationCall(request: request).perform(on: simulator) { notices.append($0) }

        #expect(response.additionalData == F.hostPublicKey.phkh)
        #expect(try ExchangeResponse(parsing: response.bytes).additionalData?.count == 32)
        #expect(try F.verifies(response, arpk: arpk))
        #expect(notices == ["the request expects 1000 bytes of additional data, but its attestation flags imply 32; asking the Ultravisor for 32"])
    }

    @Test("like the kernel, the simulator reports the additional-data length the caller asked for; the padded data does not verify")
    func additionalDataLengthUntouched() throws {
        let (request, arpk) = try F.request(flags: [.attestationPHKH])
        let simulator = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header)
        let result = simulator.retrieveAttestationMeasurement(
            try UltravisorArguments(arcb: request.arcb, measurementSize: 64, additionalDataSize: 1000))

        #expect(result.status == UltravisorStatus(returnCode: .executed))
        #expect(result.additionalData == F.hostPublicKey.phkh + Fixture.rep(0, 968))
        func response(additionalData: [UInt8]) -> ExchangeResponse {
            ExchangeResponse(arcb: request.arcb, measurement: result.measurement, additionalData: additionalData, userData: nil, cuid: result.cuid)
        }
        #expect(try !F.verifies(response(additionalData: result.additionalData), arpk: arpk))
        #expect(try F.verifies(response(additionalData: F.hostPublicKey.phkh), arpk: arpk))
    }

    @Test("a request for two host keys is answered from either key slot")
    func eitherKeySlot() throws {
        let (request, arpk) = try F.request(flags: [.attestationPHKH], hostKeys: [F.hostPublicKey, F.host2PublicKey])
        for (key, publicKey) in [(F.hostKey, F.hostPublicKey), (F.host2Key, F.host2PublicKey)] {
            let simulator = try SimulatedUltravisor(hostKey: key, header: F.header)
            #expect(simulator.phkh == publicKey.phkh)
            let response = try AttestationCall(request: request).perform(on: simulator)
            #expect(try F.verifies(response, arpk: arpk))
            #expect(response.additionalData == publicKey.phkh)
        }
    }

    @Test("a header located in an SE image is used like a bare one: its key slots are checked")
    func imageHeader() throws {
        let image = Fixture.bytes("derived/images/se_img_scan_0x12000.bin")
        let located = try SEHeader.locate(in: image).header
        #expect(located.tags == F.tags)
        // The image holds secure_guest.hdr, whose one key slot is for neither test host key.
        let error = #expect(throws: UltravisorError.self) {
            try SimulatedUltravisor(hostKey: F.hostKey, header: located)
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test("the default CUID is stable and follows the request; a given CUID is used as is")
    func cuid() throws {
        let (request, arpk) = try F.request(flags: [])
        let simulator = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header)
        let first = try AttestationCall(request: request).perform(on: simulator)
        let second = try AttestationCall(request: request).perform(on: simulator)
        #expect(first.bytes == second.bytes)
        let (otherRequest, _) = try F.request(flags: [.imagePHKH])
        #expect(try AttestationCall(request: otherRequest).perform(on: simulator).cuid != first.cuid)

        let fixed = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header, cuid: Fixture.rep(0x42, 16))
        let response = try AttestationCall(request: request).perform(on: fixed)
        #expect(response.cuid == Fixture.rep(0x42, 16))
        #expect(try F.verifies(response, arpk: arpk))
    }

    @Test("a CUID that is not 16 bytes is refused")
    func badCUID() {
        let error = #expect(throws: UltravisorError.self) {
            try SimulatedUltravisor(hostKey: F.hostKey, header: F.header, cuid: Fixture.rep(0x42, 15))
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message == "a CUID must be 16 bytes, not 15")
    }

    @Test("a SEC1 private key works like the PKCS#8 one")
    func sec1Key() throws {
        let sec1 = try P521PrivateKey(encoded: Array(try Data(contentsOf: F.goldenURL("host.sec1.key"))))
        #expect(sec1.publicKey.phkh == F.hostPublicKey.phkh)
        let (request, arpk) = try F.request(flags: [.attestationPHKH])
        let response = try AttestationCall(request: request).perform(on: try SimulatedUltravisor(hostKey: sec1, header: F.header))
        #expect(try F.verifies(response, arpk: arpk))
    }
}
