import Foundation
import SECore
import SECrypto
import SEDevice
import SESimulator
import SETestSupport
import Testing

/// Fixed inputs give byte-identical output: the request, user data and response under
/// Tests/Fixtures/golden (see the README there). Re-record with RECORD_GOLDEN=1.
@Suite("SimulatedUltravisor: golden response")
struct GoldenResponseTests {
    typealias F = SimulatorFixture

    static let flags: AttestationFlags = [.imagePHKH, .attestationPHKH, .secretStoreHash, .firmwareState]
    static let userData = Array("se-attest simulated attestation, golden file".utf8)

    @Test("the request built from fixed inputs and the simulated response equal the golden files")
    func golden() throws {
        let (request, arpk) = try F.request(flags: Self.flags)
        let simulator = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header)
        let response = try AttestationCall(request: request, userData: Self.userData).perform(on: simulator)
        let files: [(String, [UInt8])] = [
            ("simulate_request.bin", request.bytes),
            ("simulate_user_data.bin", Self.userData),
            ("simulate_response.bin", response.bytes),
        ]
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            for (name, bytes) in files {
                try Data(bytes).write(to: F.goldenURL(name))
            }
        }
        for (name, bytes) in files {
            #expect(Array(try Data(contentsOf: F.goldenURL(name))) == bytes, "\(name) differs")
        }
        #expect(try F.verifies(response, arpk: arpk))
        #expect(arpk.withUnsafeBytes { Array($0) } == Fixture.bytes("derived/e2e/arpk.bin"))
    }

    @Test("simulating the golden request file again gives the golden response")
    func goldenFromFile() throws {
        let request = try ExchangeRequest(parsing: Array(try Data(contentsOf: F.goldenURL("simulate_request.bin"))))
        let userData = Array(try Data(contentsOf: F.goldenURL("simulate_user_data.bin")))
        let simulator = try SimulatedUltravisor(hostKey: F.hostKey, header: F.header)
        let response = try AttestationCall(request: request, userData: userData).perform(on: simulator)
        #expect(response.bytes == Array(try Data(contentsOf: F.goldenURL("simulate_response.bin"))))
    }
}
