import SEDocuments
import SECrypto
import SENetwork
import SETestSupport
import Testing

/// The firmware verification service's messages (docs/formats.md §11, known_answers.json
/// `firmware_check_request`, `firmware_check_response`).
@Suite("check --firmware: messages")
struct CheckFirmwareFormatTests {
    @Test("the request body for rep(2a,320) is pvattest's, for both API versions")
    func requestBody() {
        let body = FirmwareVerificationService.requestBody(firmwareState: Fixture.rep(0x2A, 320))
        let payload = String(repeating: "Kioq", count: 106) + "Kio="
        #expect(String(decoding: body, as: UTF8.self) == "{\"version\":\"1.0\",\"payload\":\"\(payload)\"}")
    }

    @Test("the endpoint per API version; a trailing slash is kept as pvattest keeps it")
    func endpoint() {
        #expect(FirmwareVerificationService().url == "https://esupport.ibm.com/eccedge/ent/z/hmrs/firmware/attestation/v1/verify")
        #expect(FirmwareVerificationService(baseURL: "http://h:1/b", version: .v2).url == "http://h:1/b/hmrs/firmware/attestation/v2/verify")
        #expect(FirmwareVerificationService(baseURL: "http://h/").url == "http://h//hmrs/firmware/attestation/v1/verify")
    }

    @Test("a v1 reply with and without reason")
    func v1Replies() throws {
        let full = try FirmwareVerdict(parsing: Array(#"{"version":"1.0","valid":true,"referenceId":"ref-1","reason":"string"}"#.utf8))
        #expect(full.valid)
        #expect(full.details == "Reason: string; ReferenceId: ref-1")
        let short = try FirmwareVerdict(parsing: Array(#" { "version" : "1.0" , "valid" : false , "referenceId" : "ref-1" } "#.utf8))
        #expect(!short.valid)
        #expect(short.reason == nil)
        #expect(short.referenceID == "ref-1")
    }

    @Test("a v2 reply with four signed hashes")
    func v2Reply() throws {
        let hashes = (0..<4).map { _ in #"{"hash":"KioqKg==","signature":"ERERlg=="}"# }.joined(separator: ",")
        let verdict = try FirmwareVerdict(parsing: Array(#"{"version":"2.0","valid":true,"reason":"string","verifiedHashes":[\#(hashes)]}"#.utf8))
        #expect(verdict.valid)
        #expect(verdict.verifiedHashCount == 4)
        #expect(verdict.details == "Reason: string; verified hashes: 4")
    }

    @Test("escapes, including a surrogate pair, decode")
    func escapes() throws {
        let verdict = try FirmwareVerdict(parsing: Array(#"{"valid":false,"reason":"a\"b\\c\/d\n\u00e9\ud83d\ude00","n":-1.5e+3,"x":[null,true,{}]}"#.utf8))
        #expect(verdict.reason == "a\"b\\c/d\né😀")
    }

    @Test("unexpected replies are errors, never a crash", arguments: [
        "", "garbage", "{", "{\"valid\":\"true\"}", "{\"reason\":\"x\"}", "[true]", "{\"valid\":true} x", "{\"valid\":tru}",
        "{\"valid\":true,\"reason\":\"\\u12\"}", "{\"valid\":true,\"n\":01.}", "{\"valid\":true,\"s\":\"\u{01}\"}",
        String(repeating: "[", count: 100_000), "{\"valid\":true,\"a\":" + String(repeating: "{\"a\":", count: 100) + "1" + String(repeating: "}", count: 101),
        "{\"valid\":true,\"valid\":false}",
    ])
    func unexpectedReplies(body: String) {
        #expect(throws: DocumentError.self) { try FirmwareVerdict(parsing: Array(body.utf8)) }
    }
}
