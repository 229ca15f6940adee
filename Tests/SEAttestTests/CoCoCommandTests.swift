import Foundation
import SEAttestation
import SECrypto
import SETestSupport
import Testing

/// `challenge`, `perform --challenge` and `verify --evidence` run as the built binary, against the
/// trustee vectors byte for byte, with every kind of malformed JSON.
@Suite struct CoCoCommandTests {
    static func vector(_ name: String) -> String { Fixture.path("trustee/\(name)") }
    static let sealKey = vector("rsa/encrypt_key.pem")
    static let reportHex = String(decoding: Fixture.bytes("trustee/runtime_data_digest.hex"), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    static let simulate = ["--simulate", "--host-key-private", vector("keys/host.key"), "--hdr", vector("se.hdr")]

    @Test("perform --challenge on trustee's challenge with the vectors' CUID writes evidence.json byte for byte")
    func performTrusteeChallenge() throws {
        try Scratch.with { scratch in
            let run = try scratch.run(["perform", "--challenge", Self.vector("challenge_digest.json"), "-o", "evidence.json",
                                       "--cuid", "8668e5b6c4e8766edcea647369f52e91"] + Self.simulate)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(scratch.bytes("evidence.json") == Fixture.bytes("trustee/evidence.json"))
        }
    }

    @Test("verify --evidence --trustee-compatible gives claims.json's keys and values, then user_data; warns")
    func verifyTrusteeEvidence() throws {
        try Scratch.with { scratch in
            let run = try scratch.run(["verify", "--evidence", Self.vector("evidence.json"), "--seal-key", Self.sealKey,
                                       "--hdr", Self.vector("se.hdr"), "--report-data", Self.reportHex,
                                       "--trustee-compatible", "--format", "json", "-o", "claims.json"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("warning: the evidence answers a challenge se-attest did not make"))
            let trustee = String(decoding: Fixture.bytes("trustee/claims.json"), as: UTF8.self)
            let expected = trustee.replacingOccurrences(
                of: "\"\n}\n", with: "\",\n  \"user_data\": \"\(Self.reportHex)\"\n}\n")
            #expect(scratch.text("claims.json") == expected)
        }
    }

    @Test("evidence for a challenge an earlier se-attest made (golden/coco_*.json) still verifies, also in other key forms: claims byte for byte")
    func earlierChallengeStillVerifies() throws {
        try Scratch.with { scratch in
            // The seal secret is derived from the key's PKCS#1 DER, whatever form the key file has.
            let convert = try Process.run(URL(fileURLWithPath: "/usr/bin/openssl"),
                                          arguments: ["pkey", "-traditional", "-in", Self.sealKey, "-out", scratch.path("seal-pkcs1.pem")])
            convert.waitUntilExit()
            try #require(convert.terminationStatus == 0)
            for key in [Self.sealKey, scratch.path("seal-pkcs1.pem")] {
                let run = try scratch.run(["verify", "--evidence", Fixture.path("../golden/coco_evidence.json"), "--seal-key", key,
                                           "--hdr", Self.vector("se.hdr"), "--report-data", "5365206174746573742076302e31",
                                           "--format", "json", "-o", "claims.json"])
                #expect(run.status == 0, "\(run.stderr)")
                #expect(scratch.bytes("claims.json") == Fixture.bytes("../golden/coco_claims.json"))
            }
        }
    }

    @Test("trustee's evidence: exit 2 without --trustee-compatible, against other.hdr, with other report data")
    func trusteeEvidenceRefused() throws {
        let base = ["verify", "--evidence", Self.vector("evidence.json"), "--seal-key", Self.sealKey]
        let strict = try SEAttestBinary.run(base + ["--hdr", Self.vector("se.hdr"), "--report-data", Self.reportHex])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("Attestation measurement verification failed"))
        let other = try SEAttestBinary.run(base + ["--hdr", Self.vector("other.hdr"), "--trustee-compatible"])
        #expect(other.status == 2)
        #expect(other.stderr.contains("the guest runs another image"))
        let report = try SEAttestBinary.run(base + ["--hdr", Self.vector("se.hdr"), "--trustee-compatible", "--report-data", "00"])
        #expect(report.status == 2)
        #expect(report.stderr.contains("not the expected report data"))
        let noHeader = try SEAttestBinary.run(base + ["--trustee-compatible", "--report-data", Self.reportHex])
        #expect(noHeader.status == 0, "\(noHeader.stderr)")
    }

    @Test("challenge → perform --simulate → verify: exit 0, claims in YAML with issued_at; wrong report data exit 2")
    func roundTrip() throws {
        try Scratch.with { scratch in
            let made = try scratch.run(["challenge", "-k", Self.vector("keys/host.crt"), "--no-verify", "--hdr", Self.vector("se.hdr"),
                                        "--seal-key", Self.sealKey, "--runtime-data-digest", "0xC0FFEE", "-o", "challenge.json"])
            #expect(made.status == 0, "\(made.stderr)")
            let text = try #require(scratch.text("challenge.json"))
            #expect(text.hasPrefix("{\"request_blob\":\"") && text.hasSuffix("\"runtime_data_digest\":\"wP/u\"}"))
            let performed = try scratch.run(["perform", "--challenge", "challenge.json", "-o", "evidence.json"] + Self.simulate)
            #expect(performed.status == 0, "\(performed.stderr)")
            // A generous age limit: the machine may be loaded, but not for an hour.
            let verified = try scratch.run(["verify", "--evidence", "evidence.json", "--seal-key", Self.sealKey, "--hdr", Self.vector("se.hdr"),
                                            "--report-data", "c0ffee", "--max-age", "3600", "-o", "claims.yaml"])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(!verified.stderr.contains("warning"))
            let claims = try #require(scratch.text("claims.yaml"))
            let keys = claims.split(separator: "\n").map { $0.prefix { $0 != ":" } }
            #expect(keys == ["cuid", "report_data", "version", "image_phkh", "attestation_phkh", "tag", "user_data", "issued_at"])
            #expect(claims.contains("report_data: 'c0ffee'\nversion: 256\n"))
            let wrong = try scratch.run(["verify", "--evidence", "evidence.json", "--seal-key", Self.sealKey, "--hdr", Self.vector("se.hdr"),
                                         "--report-data", "c0fffe"])
            #expect(wrong.status == 2)
            let unchecked = try scratch.run(["verify", "--evidence", "evidence.json", "--seal-key", Self.sealKey, "--hdr", Self.vector("se.hdr")])
            #expect(unchecked.status == 0)
            #expect(unchecked.stderr.contains("warning: no --report-data was given"))
        }
    }

    @Test("verify --max-age 600 refuses evidence of a challenge issued 10 hours ahead of the clock: exit 2, one line")
    func issuedAhead() throws {
        try Scratch.with { scratch in
            let issuer = CoCoChallengeIssuer(
                sealKey: try RSAPrivateKey(encoded: Fixture.bytes("trustee/rsa/encrypt_key.pem")),
                hostKeys: [try P521PrivateKey(encoded: Fixture.bytes("trustee/keys/host.key")).publicKey],
                tags: try SEHeader(parsing: Fixture.bytes("trustee/se.hdr")).tags)
            try scratch.write(try issuer.challenge(runtimeDataDigest: [1], issuedAt: UnixTime.now + 36_000).json, to: "challenge.json")
            let performed = try scratch.run(["perform", "--challenge", "challenge.json", "-o", "evidence.json"] + Self.simulate)
            #expect(performed.status == 0, "\(performed.stderr)")
            let verified = try scratch.run(["verify", "--evidence", "evidence.json", "--seal-key", Self.sealKey, "--hdr", Self.vector("se.hdr"),
                                            "--report-data", "01", "--max-age", "600"])
            #expect(verified.status == 2)
            #expect(verified.stderr.hasSuffix("seconds ahead of the clock, more than the 600 seconds allowed\n"), "\(verified.stderr)")
            #expect(verified.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("perform --challenge without report data anywhere names --runtime-data-digest")
    func missingReportData() throws {
        try Scratch.with { scratch in
            let made = try scratch.run(["challenge", "-k", Self.vector("keys/host.crt"), "--no-verify", "--hdr", Self.vector("se.hdr"),
                                        "--seal-key", Self.sealKey, "-o", "challenge.json"])
            #expect(made.status == 0, "\(made.stderr)")
            let run = try scratch.run(["perform", "--challenge", "challenge.json", "-o", "evidence.json"] + Self.simulate)
            expectError(run, naming: "challenge.json", "runtime_data_digest", "--runtime-data-digest")
            #expect(scratch.bytes("evidence.json") == nil)
        }
    }

    /// Evidence texts that are not evidence, each with the key its error must name.
    static let malformedEvidence: [(String, String)] = {
        let good = String(decoding: Fixture.bytes("trustee/evidence.json"), as: UTF8.self)
        func replacing(_ target: String, _ replacement: String) -> String { good.replacingOccurrences(of: target, with: replacement) }
        let cuid = "\"cuid\":\"hmjltsTodm7c6mRzafUukQ==\""
        return [
            ("not JSON", "not valid JSON"),
            ("[1,2]", "not a JSON object"),
            (replacing(cuid + ",", ""), "'cuid' is missing"),
            (replacing(cuid, "\"cuid\":16"), "'cuid' is not a string"),
            (replacing(cuid, "\"cuid\":\"hmjltsTodm7c6mRzafUukQ\""), "'cuid' is not base64"),
            (replacing(cuid, "\"cuid\":\"hmjl*sTodm7c6mRzafUukQ==\""), "'cuid' is not base64"),
            (replacing(cuid, "\"cuid\":\"AAAA\""), "'cuid' has 3 bytes, expected 16"),
            (replacing(cuid, cuid + "," + cuid), "'cuid' appears twice"),
            (replacing(cuid, "\"cuid\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)), "nested too deeply"),
            (String(repeating: " ", count: (1 << 20) + 1), "more than 1048576 bytes"),
        ]
    }()

    @Test("malformed evidence is exit 1 with one line naming the file and the key", arguments: 0..<10)
    func malformed(index: Int) throws {
        let (text, phrase) = Self.malformedEvidence[index]
        try Scratch.with { scratch in
            try scratch.write(Array(text.utf8), to: "bad.json")
            let run = try scratch.run(["verify", "--evidence", "bad.json", "--seal-key", Self.sealKey, "--hdr", Self.vector("se.hdr"),
                                       "-o", "claims.json"])
            expectError(run, naming: "bad.json", phrase)
            #expect(scratch.bytes("claims.json") == nil)
        }
    }

    @Test("a malformed challenge names the key; measurement_size must match the request")
    func malformedChallenge() throws {
        let good = String(decoding: Fixture.bytes("trustee/challenge_digest.json"), as: UTF8.self)
        for (text, phrase) in [
            (good.replacingOccurrences(of: "\"measurement_size\":64", with: "\"measurement_size\":\"64\""), "'measurement_size' is not a number"),
            (good.replacingOccurrences(of: "\"measurement_size\":64", with: "\"measurement_size\":32"), "'measurement_size' is 32"),
            (good.replacingOccurrences(of: "\"additional_size\":64", with: "\"additional_size\":-1"), "'additional_size' is not an unsigned"),
            (good.replacingOccurrences(of: "\"request_blob\":\"AAAA", with: "\"request_blob\":\"AAAB"), "'request_blob' is not an attestation request"),
        ] {
            try Scratch.with { scratch in
                try scratch.write(Array(text.utf8), to: "bad.json")
                let run = try scratch.run(["perform", "--challenge", "bad.json", "-o", "evidence.json"] + Self.simulate)
                expectError(run, naming: "bad.json", phrase)
            }
        }
    }

    @Test("the seal key: a public key, an EC key and '-' are refused; no run prints the key")
    func sealKey() throws {
        let base = ["verify", "--evidence", Self.vector("evidence.json"), "--hdr", Self.vector("se.hdr"), "--seal-key"]
        expectError(try SEAttestBinary.run(base + [Self.vector("rsa/encrypt_key.pub")]), naming: Self.vector("rsa/encrypt_key.pub"),
                    "is a public key")
        expectError(try SEAttestBinary.run(base + [Self.vector("keys/host.key")]), naming: Self.vector("keys/host.key"),
                    "not an RSA key")
        let dash = try SEAttestBinary.run(base + ["-"])
        #expect(dash.status == 1 && dash.stderr.contains("'-' is not allowed"))
        let verbose = try SEAttestBinary.run(base + [Self.sealKey, "-vvv", "--trustee-compatible"])
        #expect(!verbose.stderr.contains("PRIVATE KEY") && !verbose.stderr.contains("MIIE"))
    }
}
