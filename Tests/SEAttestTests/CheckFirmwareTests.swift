import Foundation
import SECrypto
import SENetwork
import SETestSupport
import Testing

/// `check --firmware` against a loopback stand-in for IBM's firmware verification service.
@Suite("check --firmware")
struct CheckFirmwareTests {
    /// Runs check on `response` with `--firmware` pointed at `server`; returns the run and the result file.
    private func checkFirmware(_ server: LoopbackHTTPServer, response: String = "@derived/e2e/resp_all_flags.bin",
                               _ extra: [String] = []) throws -> (SEAttestBinary.Result, String?) {
        try Scratch.with { scratch in
            let result = try runSEAttest(["check", response, scratch.path("result"), "--firmware",
                                          "--firmware-verify-url", server.origin] + extra)
            return (result, scratch.text("result"))
        }
    }

    private static func reply(_ json: String, status: String = "200 OK") -> LoopbackHTTPServer.Behaviour {
        .reply(status: status, body: Array(json.utf8))
    }

    @Test("a valid firmware state passes; the request is pvattest's POST")
    func valid() throws {
        let server = try LoopbackHTTPServer(["hmrs": Self.reply(#"{"version":"1.0","valid":true,"referenceId":"ref-1"}"#)])
        let (result, yaml) = try checkFirmware(server)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(yaml == "successful: true\nmeasurement_verified: false\nvalid_firmware: true\n")
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.head.hasPrefix("POST /hmrs/firmware/attestation/v1/verify HTTP/1."))
        #expect(request.head.contains("x-client-id: X\r\n"))
        #expect(request.head.contains("Content-Type: application/json\r\n"))
        #expect(String(decoding: request.body, as: UTF8.self)
            == String(decoding: FirmwareVerificationService.requestBody(firmwareState: Fixture.rep(0x2A, 320)), as: UTF8.self))
    }

    @Test("--firmware-check-version 2 (alias --fw-ver) posts to the v2 endpoint with the same body")
    func version2() throws {
        let server = try LoopbackHTTPServer(["hmrs": Self.reply(#"{"version":"2.0","valid":true,"reason":"ok","verifiedHashes":[]}"#)])
        let (result, _) = try checkFirmware(server, ["--fw-ver", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(server.requests.first?.head.hasPrefix("POST /hmrs/firmware/attestation/v2/verify ") == true)
        #expect(server.requests.first?.body == FirmwareVerificationService.requestBody(firmwareState: Fixture.rep(0x2A, 320)))
    }

    @Test("a firmware state the service calls invalid is an issue with its reason")
    func invalid() throws {
        let server = try LoopbackHTTPServer(["hmrs": Self.reply(#"{"version":"1.0","valid":false,"referenceId":"ref-2","reason":"outdated"}"#)])
        let (result, yaml) = try checkFirmware(server)
        #expect(result.status == 2)
        #expect(yaml == """
            successful: false
            measurement_verified: false
            issues:
            - 'The firmware is not in a valid state (Reason: outdated; ReferenceId: ref-2)'
            valid_firmware: false

            """)
    }

    @Test("a response without a firmware state is an issue and the service is not asked")
    func stateMissing() throws {
        let server = try LoopbackHTTPServer(["hmrs": Self.reply(#"{"valid":true}"#)])
        let (result, yaml) = try checkFirmware(server, response: "@derived/e2e/resp_phkh.bin")
        #expect(result.status == 2)
        #expect(yaml == """
            successful: false
            measurement_verified: false
            issues:
            - 'The Attestation response contains no firmware hash, but checking was enabled'
            valid_firmware: false

            """)
        #expect(server.requests.isEmpty)
    }

    @Test("HTTP 500 is an error: exit 1, no result")
    func serverError() throws {
        let server = try LoopbackHTTPServer(["hmrs": Self.reply("{}", status: "500 Internal Server Error")])
        let (result, yaml) = try checkFirmware(server)
        #expect(result.status == 1)
        #expect(yaml == nil)
        #expect(result.stderr.contains("the server responded with HTTP status 500"), "\(result.stderr)")
    }

    @Test("a reply that is not the service's JSON is an error: exit 1, no result", arguments: [
        "<html>maintenance</html>", #"{"valid":"yes"}"#, "",
    ])
    func garbage(body: String) throws {
        let server = try LoopbackHTTPServer(["hmrs": Self.reply(body)])
        let (result, yaml) = try checkFirmware(server)
        #expect(result.status == 1)
        #expect(yaml == nil)
        #expect(result.stderr.contains("unexpected response from the server"), "\(result.stderr)")
    }

    @Test("a URL that is not http(s) is an error: exit 1, no result")
    func notHTTP() throws {
        try Scratch.with { scratch in
            let result = try runSEAttest(["check", "@derived/e2e/resp_all_flags.bin", scratch.path("result"), "--firmware",
                                          "--firmware-verify-url", "ftp://127.0.0.1"])
            #expect(result.status == 1)
            #expect(scratch.text("result") == nil)
            #expect(result.stderr == "error: firmware verification at ftp://127.0.0.1/hmrs/firmware/attestation/v1/verify: not an http:// or https:// URL\n")
        }
    }

    /// OpenSSL retries a refused connection until the time is up, so this runs with a short one.
    @Test("no server is an error once the time is up")
    func noServer() throws {
        let server = try LoopbackHTTPServer([:])
        server.stop()
        let service = FirmwareVerificationService(baseURL: server.origin, timeoutSeconds: 1)
        #expect(throws: NetworkError.self) { try service.verify(firmwareState: Fixture.rep(0x2A, 320)) }
    }

    @Test("a service that does not answer runs into the timeout")
    func timeout() throws {
        let server = try LoopbackHTTPServer(["hmrs": .hang])
        defer { server.stop() }
        let service = FirmwareVerificationService(baseURL: server.origin, timeoutSeconds: 1)
        let start = Date()
        #expect(throws: NetworkError.self) { try service.verify(firmwareState: Fixture.rep(0x2A, 320)) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 0.5 && elapsed < 4, "took \(elapsed) s")
    }

    @Test("--firmware-verify-url needs --firmware")
    func urlNeedsFirmware() throws {
        let result = try runSEAttest(["check", "@derived/e2e/resp_all_flags.bin", "-", "--firmware-verify-url", "http://127.0.0.1:1"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
    }
}
