import SETestSupport
import Testing

import SEDevice

@Suite("UltravisorResult: every device answers in the kernel's shape")
struct UltravisorResultTests {
    private let arguments: UltravisorArguments

    init() throws {
        arguments = try UltravisorArguments(arcb: [0x11], measurementSize: 8, additionalDataSize: 4)
    }

    @Test("outputs shorter than their areas are zero-padded to the sizes asked for")
    func padded() {
        let result = UltravisorResult(
            UltravisorStatus(returnCode: .executed), for: arguments,
            measurement: [1, 2], additionalData: [3], cuid: [4])
        #expect(result.measurement == [1, 2] + Fixture.rep(0, 6))
        #expect(result.additionalData == [3, 0, 0, 0])
        #expect(result.cuid == [4] + Fixture.rep(0, 15))
    }

    @Test("what does not fit an area is dropped")
    func overlong() {
        let result = UltravisorResult(
            UltravisorStatus(returnCode: .executed), for: arguments,
            measurement: Fixture.rep(0x12, 9), additionalData: Fixture.rep(0x13, 5), cuid: Fixture.rep(0x14, 17))
        #expect(result.measurement == Fixture.rep(0x12, 8))
        #expect(result.additionalData == Fixture.rep(0x13, 4))
        #expect(result.cuid == Fixture.rep(0x14, 16))
    }

    @Test("the additional data is cut to the reported length, never below zero or beyond the area", arguments: [
        (-1, 0), (0, 0), (3, 3), (4, 4), (5, 4),
    ])
    func reportedLength(reported: Int, kept: Int) {
        let result = UltravisorResult(
            UltravisorStatus(returnCode: .executed), for: arguments,
            additionalData: Fixture.rep(0x13, 4), reportedAdditionalDataLength: reported)
        #expect(result.additionalData == Fixture.rep(0x13, kept))
    }

    @Test("a refusal keeps its status and leaves every area zero")
    func refusal() {
        let status = UltravisorStatus(returnCode: .cannotDecrypt, reasonCode: 2)
        let result = UltravisorResult(status, for: arguments)
        #expect(result.status == status)
        #expect(result.measurement == Fixture.rep(0, 8))
        #expect(result.additionalData == Fixture.rep(0, 4))
        #expect(result.cuid == Fixture.rep(0, 16))
    }
}
