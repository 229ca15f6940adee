import Foundation
import SECore
import SETestSupport
import Testing

/// `inspect` on Confidential Containers challenges and evidence, run as the built binary on the
/// trustee vectors and on files se-attest makes, with exact output and every kind of malformed JSON.
@Suite struct InspectCoCoTests {
    static func vector(_ name: String) -> String { Fixture.path("trustee/\(name)") }
    /// The values the trustee vectors hold (`secrets.json`, `runtime_data_digest.hex`, `keys/host.crt`).
    enum Trustee {
        static let phkh = "0x6e9ab6aea7da9689f72afa8d3cdf78908f9a7d1d67c6422af66e6974e6c733c9"
        static let reportData = "0x3f3f77293d24a3e8a75ac5fb99ab895a7e2e28c0b2e23ba83fdcd964ba0bdf1f19ca8a3a4fcdf1bf6221a0e2fee555d378a2c209e138920a765ceb8c7d81a25c"
        static let tags = """
            pld: 0x2ac2e247af951413fbb3eb8f8ee5730fe67d1a0eaab01408d5980d43351861a2b92242159415699973073d6f017d81e7dfe30a89e22c4a247ef701cd2a20fc5e
            ald: 0x81add109dec4075f58a5d8255f3c65cfe83a3280ffa519911b73afe7eed4a2fdd3a51abbfa88ff0400522565c68804b90f0327769404624c41ec53dd2ade7f94
            tld: 0x93de176cd0f75030fc5f6c86270f9b5a77316363844ed6b995448f5fdac272b52ab79831322c170c2fb3b1c483e8d6fc4087a26e9e8f769787e5bad94ee58f5d
            tag: 0x019328e6f317d65268f0c98e318ccad3
            """

        /// The first lines `inspect` shows for a challenge for the vectors' host key and image, up to the request's flags.
        static func challengeHead(size: Int, reportData: String) -> String {
            """
            type: coco-challenge
            size: \(size)
            measurement_size: 64
            additional_size: 64
            runtime_data_digest: \(reportData)
            encr_measurement_key_size: 256
            encr_request_nonce_size: 256
            \(tags)
            request:
              version: 0x100
              size: 400
              flags: 0x7000000000000000
            """
        }
    }

    @Test("trustee's challenge: sizes, report data, sealed-secret sizes, the image's tags and the ARCB, as text")
    func trusteeChallenge() throws {
        let result = try runSEAttest(["inspect", Self.vector("challenge_digest.json")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            \(Trustee.challengeHead(size: 1749, reportData: Trustee.reportData))
              flag_names:
                - nonce
                - phkh-img
                - phkh-att
              algorithm: HMAC-SHA512
              measurement_size: 64
              additional_data_size: 64
              iv: 0xe760a638c00a5129c410f279
              encrypted_size: 80
              key_slot_count: 1
              key_slot_phkhs:
                - \(Trustee.phkh)
              tag: 0x3bef1bad9edfb0276e59538f144fc3e2

            """)
    }

    @Test("trustee's evidence: CUID, measurement, additional data split into the two host-key hashes, user data, tags")
    func trusteeEvidence() throws {
        let result = try runSEAttest(["inspect", Self.vector("evidence.json")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            type: coco-evidence
            size: 1390
            cuid: 0x8668e5b6c4e8766edcea647369f52e91
            measurement: 0x26c818152a0f844d790fc772923b43e42ba4177b7ee5049e3a77108121326ea7098c3898a7c98de4a94eda8ed28701b6fa2e5b9b0d8829ae27df6bb9a1b864dc
            additional_data: \(Trustee.phkh + Trustee.phkh.dropFirst(2))
            additional_data_fields:
              image_phkh: \(Trustee.phkh)
              attestation_phkh: \(Trustee.phkh)
            user_data: \(Trustee.reportData)
            encr_measurement_key_size: 256
            encr_request_nonce_size: 256
            \(Trustee.tags)

            """)
    }

    @Test("YAML and JSON carry the text's keys and values, quoted", arguments: ["challenge_digest.json", "evidence.json"])
    func formats(file: String) throws {
        let text = try runSEAttest(["inspect", Self.vector(file)]).stdout
        let yaml = try runSEAttest(["inspect", Self.vector(file), "--format", "yaml"])
        #expect(yaml.status == 0)
        let json = try runSEAttest(["inspect", Self.vector(file), "--format", "json"])
        #expect(json.status == 0)
        #expect(try ParseBack.yaml(yaml.stdoutBytes) == ParseBack.json(json.stdoutBytes))
        #expect(yaml.stdout.contains("cuid: '0x8668e5b6c4e8766edcea647369f52e91'\n") == (file == "evidence.json"))
        #expect(yaml.stdout.contains("tag: '0x019328e6f317d65268f0c98e318ccad3'\n"))
        // The text lists the same keys in the same order (nested ones indented; list items aside).
        let keys = { (document: String) in
            document.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("-") }.map { $0.prefix { $0 != ":" } }
        }
        #expect(keys(yaml.stdout) == keys(text))
    }

    @Test("an se-attest challenge and its evidence: the header's tags, the host key's hash, the report data zero-padded")
    func seAttestMade() throws {
        try Scratch.with { scratch in
            let made = try scratch.run(["challenge", "-k", Self.vector("keys/host.crt"), "--no-verify", "--hdr", Self.vector("se.hdr"),
                                        "--seal-key", Self.vector("rsa/encrypt_key.pem"), "--runtime-data-digest", "c0ffee", "-o", "challenge.json"])
            #expect(made.status == 0, "\(made.stderr)")
            let performed = try scratch.run(["perform", "--challenge", "challenge.json", "-o", "evidence.json", "--cuid", "000102030405060708090a0b0c0d0e0f",
                                             "--simulate", "--host-key-private", Self.vector("keys/host.key"), "--hdr", Self.vector("se.hdr")])
            #expect(performed.status == 0, "\(performed.stderr)")

            let challenge = try scratch.run(["inspect", "challenge.json"])
            #expect(challenge.status == 0, "\(challenge.stderr)")
            let size = try #require(scratch.bytes("challenge.json")).count
            #expect(challenge.stdout.hasPrefix(Trustee.challengeHead(size: size, reportData: "0xc0ffee") + "\n"))
            #expect(challenge.stdout.contains("  key_slot_phkhs:\n    - \(Trustee.phkh)\n"))

            let evidence = try scratch.run(["inspect", "evidence.json"])
            #expect(evidence.status == 0, "\(evidence.stderr)")
            let lines = evidence.stdout.split(separator: "\n")
            #expect(lines.count == 15)
            #expect(lines.prefix(3) == ["type: coco-evidence", "size: \(try #require(scratch.bytes("evidence.json")).count)",
                                        "cuid: 0x000102030405060708090a0b0c0d0e0f"])
            #expect(lines.dropFirst(5).joined(separator: "\n") == """
                additional_data_fields:
                  image_phkh: \(Trustee.phkh)
                  attestation_phkh: \(Trustee.phkh)
                user_data: 0xc0ffee\(String(repeating: "00", count: 61))
                encr_measurement_key_size: 256
                encr_request_nonce_size: 256
                \(Trustee.tags)
                """)
        }
    }

    @Test("-a: a challenge's ARCB decrypts with its ARPK, no secret shown; evidence has no request")
    func protectionKey() throws {
        try Scratch.with { scratch in
            // secrets.json's ARPK.
            let arpk = try scratch.write(try #require(Hex.decode("2cae150ec7b982f9111244365087de7baf426de06ec9ca27944d4cc92bb6fc3e")), to: "arpk.bin", mode: 0o600)
            let opened = try runSEAttest(["inspect", Self.vector("challenge_digest.json"), "-a", arpk])
            #expect(opened.status == 0, "\(opened.stderr)")
            #expect(opened.stdout.hasSuffix("  tag: 0x3bef1bad9edfb0276e59538f144fc3e2\n  decrypts: yes\n  nonce: yes\n"))
            for secret in ["146c8e4e056b28da", "4834c68dc2049b1e", "2cae150ec7b982f9"] {
                #expect(!opened.stdout.contains(secret))
            }
            expectError(try runSEAttest(["inspect", Self.vector("evidence.json"), "-a", arpk]), naming: Self.vector("evidence.json"),
                        "is evidence; -a applies only to attestation requests, exchange files and challenges")
        }
    }

    @Test("malformed challenges and evidence: exit 1, one line naming the file and the key", arguments: [
        ("{\"request_blob\": 5}", "the challenge's 'request_blob' is not a string"),
        ("{\"request_blob\": \"AAAA\"}", "the challenge's 'measurement_size' is missing"),
        ("{\"measurement\": \"AAAA\"}", "the evidence's 'measurement' has 3 bytes, expected 64"),
        ("{\"measurement\": \"A\"}", "the evidence's 'measurement' is not base64 with padding"),
        ("{\"measurement\": null, \"measurement\": 1}", "not a challenge or evidence: the file is"),
        (" \n{\"request_blob\": ", "not a challenge or evidence: the file is not valid JSON"),
        ("{\"cuid\": \"AAAA\"}", "neither a challenge (no 'request_blob') nor evidence (no 'measurement')"),
        (String(repeating: "{\"a\":", count: 100), "not a challenge or evidence: the file is"),
        ("{" + String(repeating: " ", count: 1 << 20) + "}", "a JSON document of 1048578 bytes; a challenge or evidence has at most 1048576"),
    ])
    func malformed(content: String, phrase: String) throws {
        try Scratch.with { scratch in
            let file = try scratch.write(Array(content.utf8), to: "document.json")
            expectError(try runSEAttest(["inspect", file]), naming: file, phrase)
        }
    }

    @Test("evidence with one field damaged names that key", arguments: ["cuid", "user_data", "additional_data", "image_hdr_tags", "measurement"])
    func damagedEvidence(key: String) throws {
        let text = String(decoding: Fixture.bytes("trustee/evidence.json"), as: UTF8.self)
        let damaged = try #require(text.range(of: "\"\(key)\":\"")).upperBound
        try Scratch.with { scratch in
            let file = try scratch.write(Array((text[..<damaged] + "AAAA" + text[damaged...]).utf8), to: "evidence.json")
            expectError(try runSEAttest(["inspect", file]), naming: file, "the evidence's '\(key)' has ")
        }
    }
}

