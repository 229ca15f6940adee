import Foundation
import Testing
import SETestSupport

/// Examples/VerifyResponse, the README's program, run as built against the derived vectors.
@Suite struct VerifyResponseExampleTests {
    static func run(_ response: String, arpk: String = "derived/e2e/arpk.bin", document: String = "pvattest/host.pem.crt") throws -> SEAttestBinary.Result {
        try SEAttestBinary.run([Fixture.path("derived/e2e/\(response).bin"), Fixture.path("pv/exp/secure_guest.hdr"),
                                Fixture.path(arpk), Fixture.path(document)],
                               executable: SEAttestBinary.url.deletingLastPathComponent().appendingPathComponent("VerifyResponse"))
    }

    @Test("an honest response with the attestation host key's document: both policies hold, exit 0")
    func holds() throws {
        let result = try Self.run("resp_all_flags")
        #expect(result.status == 0)
        #expect(result.stdout == "measurement verified: satisfied\nattestation host key: satisfied\n")
        #expect(result.stderr == "")
    }

    @Test("a changed measurement from another machine than the document's: both violated, exit 2")
    func violated() throws {
        let result = try Self.run("resp_phkh_badmeas")
        #expect(result.status == 2)
        #expect(result.stdout == """
            measurement verified: violated: The attestation measurement was not verified
            attestation host key: violated: No given host-key document matches the given attestation public host-key hash (0x415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0)

            """)
    }

    @Test("a wrong ARPK is an error, exit 1")
    func wrongKey() throws {
        let result = try Self.run("resp_all_flags", arpk: "derived/e2e/arpk_wrong.bin")
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "VerifyResponse: decryption failed, probably a GCM tag mismatch (wrong ARPK or tampered request)\n")
    }
}

extension VerifyResponseExampleTests {
    @Test("README shows the example as it is built, line for line")
    func readmeShowsIt() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("Examples/VerifyResponse/main.swift"), encoding: .utf8)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\n" + source + "```\n"))
        #expect(source.split(separator: "\n", omittingEmptySubsequences: false).count - 1 < 40, "the example must stay under 40 lines")
    }
}
