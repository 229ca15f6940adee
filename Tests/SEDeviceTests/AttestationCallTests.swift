import CSEUVDevice
import SECore
import SETestSupport
import Testing

@testable import SEDevice

@Suite("AttestationCall and DevUVDevice's uvio_attest block: what the kernel receives, and the response")
struct AttestationCallTests {
    private func request(_ name: String) throws -> ExchangeRequest {
        try ExchangeRequest(parsing: Fixture.bytes("pvattest/exchange/\(name)"))
    }

    /// A device answering like the upstream exchange vectors: measurement rep(12,64),
    /// additional data rep(13,32), CUID rep(14,16).
    private func vectorDevice() -> FakeUltravisorDevice {
        let device = FakeUltravisorDevice()
        device.measurement = Fixture.rep(0x12, 64)
        device.additionalData = Fixture.rep(0x13, 32)
        device.cuid = Fixture.rep(0x14, 16)
        return device
    }

    @Test("the kernel receives exactly the block pvattest builds")
    func argumentBlock() throws {
        let device = vectorDevice()
        let userData: [UInt8] = [0xDE, 0xAD, 0xBE]
        let call = try AttestationCall(request: try request("full_req.bin"), userData: userData)
        _ = try call.perform(on: device)

        try #require(device.calls.count == 1)
        let seen = device.calls[0]
        #expect(seen.control.flags == 0)
        #expect(seen.control.argument_len == 0x138)
        #expect(seen.reserved14 == Fixture.rep(0, 44))
        #expect(seen.arcb == Fixture.rep(0x11, 16))
        #expect(seen.argument.arcb_len == 16)
        #expect(seen.argument.meas_len == 64)
        #expect(seen.argument.add_data_len == 32)
        #expect(seen.argument.add_data_addr != 0)
        #expect(seen.argument.user_data_len == 3)
        #expect(seen.userDataField == userData + Fixture.rep(0, 253))
        #expect(seen.argument.reserved136 == 0)
        #expect(seen.measurementBufferAtCall == Fixture.rep(0, 64))
        #expect(seen.additionalDataBufferAtCall == Fixture.rep(0, 32))
    }

    @Test("without expected additional data or user data, the block carries none")
    func minimalBlock() throws {
        let device = vectorDevice()
        let response = try AttestationCall(request: try request("min_req.bin")).perform(on: device)

        let seen = try #require(device.calls.first)
        #expect(seen.argument.add_data_addr == 0)
        #expect(seen.argument.add_data_len == 0)
        #expect(seen.argument.user_data_len == 0)
        #expect(seen.userDataField == Fixture.rep(0, 256))
        #expect(response.additionalData == nil)
        #expect(response.userData == nil)
    }

    @Test("responses equal pvattest's exchange vectors byte for byte", arguments: [
        ("full_req.bin", true, "full_resp.bin"),
        ("add_req.bin", false, "add_resp.bin"),
        ("min_req.bin", false, "min_resp.bin"),
        ("user_req.bin", true, "user_resp.bin"),
    ])
    func vectorResponses(requestFile: String, withUserData: Bool, responseFile: String) throws {
        let call = try AttestationCall(request: try request(requestFile), userData: withUserData ? Fixture.rep(0x15, 256) : nil)
        let response = try call.perform(on: vectorDevice())
        #expect(response.bytes == Fixture.bytes("pvattest/exchange/\(responseFile)"))
    }

    @Test("256 bytes of user data are passed in full")
    func maximalUserData() throws {
        let device = vectorDevice()
        let userData = (0..<256).map { UInt8($0) }
        let response = try AttestationCall(request: try request("min_req.bin"), userData: userData).perform(on: device)
        #expect(device.calls.first?.argument.user_data_len == 256)
        #expect(device.calls.first?.userDataField == userData)
        #expect(response.userData == userData)
    }

    @Test("257 bytes of user data are refused before any device call")
    func userDataTooLong() throws {
        let device = vectorDevice()
        let error = #expect(throws: UltravisorError.self) {
            try AttestationCall(request: try request("min_req.bin"), userData: Fixture.rep(0x15, 257)).perform(on: device)
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message == "the user data has 257 bytes, at most 256 are allowed")
        #expect(device.calls.isEmpty)
    }

    @Test("sizes outside the kernel's limits are refused before any device call", arguments: [
        (0, 64, 0, "the attestation request has 0 bytes, expected 1 to 1048576"),
        (0x100001, 64, 0, "the attestation request has 1048577 bytes, expected 1 to 1048576"),
        (16, 0, 0, "the expected measurement size is 0 bytes, expected 1 to 32768"),
        (16, 0x8001, 0, "the expected measurement size is 32769 bytes, expected 1 to 32768"),
        (16, 64, -1, "the expected additional-data size is -1 bytes, expected 0 to 32768"),
        (16, 64, 0x8001, "the expected additional-data size is 32769 bytes, expected 0 to 32768"),
    ])
    func limits(arcbSize: Int, measurementSize: Int, additionalDataSize: Int, message: String) {
        let request = ExchangeRequest(
            arcb: Fixture.rep(0x11, arcbSize), measurementSize: measurementSize, additionalDataSize: additionalDataSize)
        let error = #expect(throws: UltravisorError.self) { try AttestationCall(request: request) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message == message)
    }

    /// An ARCB of `count` zero bytes but for the flags word at 0x30 (docs/formats.md §5.1).
    private func arcb(flags: AttestationFlags, count: Int = 0x100) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var writer = ByteWriter(capacity: 8)
        writer.append(flags.rawValue)
        bytes.replaceSubrange(0x30..<0x38, with: writer.bytes)
        return bytes
    }

    @Test("the largest ARCB and measurement the kernel accepts and the most additional data flags can ask for are passed through")
    func largestSizes() throws {
        let device = vectorDevice()
        let flags: AttestationFlags = [.nonce, .imagePHKH, .attestationPHKH, .secretStoreHash, .firmwareState]
        let request = ExchangeRequest(arcb: arcb(flags: flags, count: 0x100000), measurementSize: 0x8000, additionalDataSize: 448)
        let response = try AttestationCall(request: request).perform(on: device)
        let seen = try #require(device.calls.first)
        #expect(seen.argument.arcb_len == 0x100000)
        #expect(seen.argument.meas_len == 0x8000)
        #expect(seen.argument.add_data_len == 448)
        #expect(response.measurement == Fixture.rep(0x12, 64) + Fixture.rep(0, 0x8000 - 64))
    }

    @Test("the kernel is asked for the additional data the flags imply, whatever the request expects", arguments: [0, 31, 32, 33, 1000, 0x8000])
    func flagImpliedAdditionalDataSize(expected: Int) throws {
        let device = vectorDevice()
        let request = ExchangeRequest(arcb: arcb(flags: [.nonce, .attestationPHKH]), measurementSize: 64, additionalDataSize: expected)
        var notices: [String] = []
        let response = try AttestationCall(request: request).perform(on: device) { notices.append($0) }

        let seen = try #require(device.calls.first)
        #expect(seen.argument.add_data_len == 32)
        #expect(seen.argument.add_data_addr != 0)
        #expect(seen.additionalDataBufferAtCall == Fixture.rep(0, 32))
        #expect(response.additionalData == Fixture.rep(0x13, 32))
        #expect(try ExchangeResponse(parsing: response.bytes).additionalData == Fixture.rep(0x13, 32))
        #expect(notices == (expected == 32 ? [] : [
            "the request expects \(expected) bytes of additional data, but its attestation flags imply 32; asking the Ultravisor for 32",
        ]))
    }

    @Test("flags without additional data give a block and a response without any, whatever the request expects")
    func flagsWithoutAdditionalData() throws {
        let device = vectorDevice()
        let request = ExchangeRequest(arcb: arcb(flags: [.nonce]), measurementSize: 64, additionalDataSize: 448)
        var notices: [String] = []
        let response = try AttestationCall(request: request).perform(on: device) { notices.append($0) }

        let seen = try #require(device.calls.first)
        #expect(seen.argument.add_data_len == 0)
        #expect(seen.argument.add_data_addr == 0)
        #expect(response.additionalData == nil)
        #expect(notices == ["the request expects 448 bytes of additional data, but its attestation flags imply 0; asking the Ultravisor for 0"])
    }

    @Test("an ARCB that ends before the end of the flags word gets the size the request expects", arguments: [
        (0x37, 100, 100), (0x38, 100, 32),
    ])
    func shortARCB(count: Int, expected: Int, asked: UInt32) throws {
        let device = vectorDevice()
        let request = ExchangeRequest(arcb: Array(arcb(flags: [.nonce, .attestationPHKH]).prefix(count)), measurementSize: 64, additionalDataSize: expected)
        var notices: [String] = []
        _ = try AttestationCall(request: request).perform(on: device) { notices.append($0) }
        #expect(device.calls.first?.argument.add_data_len == asked)
        #expect(notices.count == (asked == UInt32(expected) ? 0 : 1))
    }

    @Test("additional data is cut to the length the kernel reports back, at most the 32-byte area", arguments: [
        (20 as UInt32, 20), (32, 32), (0xFFFF_FFFF, 32),
    ])
    func additionalDataTruncated(reported: UInt32, kept: Int) throws {
        let device = vectorDevice()
        device.reportedAdditionalDataLength = reported
        let response = try AttestationCall(request: try request("full_req.bin")).perform(on: device)
        #expect(response.additionalData == Fixture.rep(0x13, kept))
    }

    @Test("rc 0x0100 counts as success and is noted")
    func moreDataAccepted() throws {
        let device = vectorDevice()
        device.status = UltravisorStatus(returnCode: .moreData, reasonCode: 7)
        var notices: [String] = []
        let response = try AttestationCall(request: try request("min_req.bin")).perform(on: device) { notices.append($0) }
        #expect(response.measurement == Fixture.rep(0x12, 64))
        #expect(notices == ["the Ultravisor answered Ultravisor: 'more data available' (0x0100,0x0007), treated as success"])
    }

    static let refusals: [(UInt16, String)] = [
        (0x0000, "invalid rc (should not happen)"),
        (0x0002, "invalid UV command (e.g. attestation facility not installed)"),
        (0x0005, "request has an invalid size"),
        (0x0030, "home address space control has R-bit set (corrupted host or guest-kernel bug; stop using the guest)"),
        (0x0031, "address translation exception (corrupted host or guest-kernel bug; stop using the guest)"),
        (0x0032, "virtual address translates to an invalid address (corrupted host or guest-kernel bug; stop using the guest)"),
        (0x0101, "invalid continuation token (kernel always sends 0; should not happen)"),
        (0x0102, "user-data length greater than 256"),
        (0x0103, "access exception on the ARCB"),
        (0x0104, "access exception on the measurement area"),
        (0x0105, "access exception on the additional-data area"),
        (0x0106, "unsupported attestation-request version"),
        (0x0107, "invalid ARCB length for the given version"),
        (0x0108, "number of key slots is 0 or larger than the UV supports for this version"),
        (0x0109, "size of encrypted area does not match measurement-key length plus optional items (nonce)"),
        (0x010A, "unsupported plaintext attestation flag set"),
        (0x010B, "unsupported measurement algorithm"),
        (0x010C, "cannot decrypt the ARCB — most likely no key slot for this host's key"),
        (0x010D, "measurement buffer too small"),
        (0x010E, "additional-data buffer too small for the requested additional data"),
        (0x010F, "unexpected error-code"),
        (0xBEEF, "unexpected error-code"),
    ]

    @Test("every refusal is reported as Ultravisor: 'TEXT' (0xRC,0xRRC)", arguments: refusals)
    func refusal(rc: UInt16, text: String) throws {
        let device = vectorDevice()
        let status = UltravisorStatus(returnCode: UVReturnCode(rawValue: rc), reasonCode: 0x002A)
        device.status = status
        let error = #expect(throws: UltravisorError.self) {
            try AttestationCall(request: try request("min_req.bin")).perform(on: device)
        }
        let hex = String(rc, radix: 16)
        #expect(error?.code == .ultravisor(status))
        #expect(error?.message == "Ultravisor: '\(text)' (0x\(String(repeating: "0", count: 4 - hex.count))\(hex),0x002a)")
    }

    @Test("the rc is printed as four lower-case hex digits")
    func rcFormat() {
        #expect(UltravisorStatus(returnCode: .unsupportedFlag, reasonCode: 0xABCD).description
            == "Ultravisor: 'unsupported plaintext attestation flag set' (0x010a,0xabcd)")
    }

    @Test("a device error reaches the caller unchanged")
    func deviceError() throws {
        let device = vectorDevice()
        device.failure = UltravisorError.ioctl("/dev/uv", errno: 22)
        let error = #expect(throws: UltravisorError.self) {
            try AttestationCall(request: try request("min_req.bin")).perform(on: device)
        }
        #expect(error?.code == .systemError(errno: 22))
        #expect(error?.message == "the attestation ioctl on '/dev/uv' failed: Invalid argument (errno 22)")
    }
}
