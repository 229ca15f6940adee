import Testing
import SEAttestation
import SENetwork
import SETestSupport

/// The firmware policy against a loopback stand-in for IBM's service: resp_all_flags carries the
/// firmware state 0x2A × 320, resp_nonce_only none. A verdict is a result; no verdict is an error.
@Suite struct FirmwarePolicyTests {
    static func judge(_ reply: String, status: String = "200 OK", response: String = "resp_all_flags") throws -> (PolicyResult, LoopbackHTTPServer) {
        let server = try LoopbackHTTPServer(["hmrs": .reply(status: status, body: Array(reply.utf8))])
        let subject = try PolicySubject(response: AttestationResponse(parsing: Fixture.bytes("derived/e2e/\(response).bin")),
                                        measurementVerified: true)
        let policy = FirmwarePolicy(service: FirmwareVerificationService(baseURL: server.origin), observer: nil)
        return (try policy.judge(subject), server)
    }

    @Test("a valid state is satisfied, with the service's details; the state is what was posted")
    func valid() throws {
        let (result, server) = try Self.judge(#"{"version":"1.0","valid":true,"referenceId":"ref-1"}"#)
        #expect(result.verdict == .satisfied)
        guard case .firmware(true, let details)? = result.finding else { Issue.record("finding \(String(describing: result.finding))"); return }
        #expect(details == "ReferenceId: ref-1")
        #expect(server.requests.map(\.body) == [FirmwareVerificationService.requestBody(firmwareState: Fixture.rep(0x2A, 320))])
    }

    @Test("a state the service calls invalid is violated with its reason, and the finding says not valid")
    func invalid() throws {
        let (result, _) = try Self.judge(#"{"version":"1.0","valid":false,"reason":"outdated"}"#)
        #expect(result.verdict == .violated("The firmware is not in a valid state (Reason: outdated)"))
        guard case .firmware(false, "Reason: outdated")? = result.finding else { Issue.record("finding \(String(describing: result.finding))"); return }
    }

    @Test("a response without a firmware state is violated without asking the service")
    func missingState() throws {
        let (result, server) = try Self.judge("{}", response: "resp_nonce_only")
        #expect(result.verdict == .violated("The Attestation response contains no firmware hash, but checking was enabled"))
        #expect(server.requests.isEmpty)
    }

    @Test("an HTTP error is a thrown firmwareServiceFailed naming the endpoint, not a violation")
    func serviceFails() throws {
        let error = #expect(throws: AttestationError.self) { try Self.judge("oops", status: "500 Internal Server Error") }
        #expect(error?.kind == .firmwareServiceFailed)
        #expect(error?.message.hasPrefix("firmware verification at http://127.0.0.1:") == true)
        #expect(error?.message.hasSuffix("/hmrs/firmware/attestation/v1/verify: the server responded with HTTP status 500") == true,
                "\(error?.message ?? "")")
    }
}
