import Foundation
import SETestSupport
import Testing

/// The nine add-secret requests and the four secret-store hashes of known_answers.json.
enum SecretStoreVectors {
    static var entry: [String: Any] {
        let data = Data(Fixture.bytes("known_answers.json"))
        let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let vectors = root?["vectors"] as? [[String: Any]] ?? []
        return vectors.first { $0["id"] as? String == "secret_store_hash" } ?? [:]
    }

    static var requests: [String] {
        (entry["inputs"] as? [String: Any])?["asrcb_files_in_order"] as? [String] ?? []
    }

    static func expected(_ name: String) -> String {
        (entry["expected"] as? [String: String])?[name] ?? ""
    }
}

private let allFlags = "@derived/e2e/resp_all_flags.bin"
private let phkhResponse = "@derived/e2e/resp_phkh.bin"
private let pvHost = "pv/keys/host.pem.crt"
private let pvattestHost = "pvattest/host.pem.crt"

/// Runs `check RESPONSE RESULT ARGS` and returns the run and the result file's text.
private func check(_ response: String, _ arguments: [String], format: String? = nil) throws -> (SEAttestBinary.Result, String?) {
    try Scratch.with { scratch in
        let output = scratch.path("result")
        let result = try runSEAttest(["check", response, output] + (format.map { ["--format", $0] } ?? []) + arguments)
        return (result, scratch.text("result"))
    }
}

@Suite("check: secret store")
struct CheckSecretStoreTests {
    @Test("the nine known-answer requests in the listed order pass when the store is locked")
    func nineRequestsLocked() throws {
        #expect(SecretStoreVectors.requests.count == 9)
        let secrets = SecretStoreVectors.requests.flatMap { ["--secret", "@" + $0] }
        let (result, yaml) = try check(allFlags, secrets + ["--secret-store-locked", "true"])
        #expect(result.status == 0, "\(result.stderr)")
        let listed = SecretStoreVectors.requests.map { "  - '\(Fixture.path($0))'\n" }.joined()
        #expect(yaml == "successful: true\nmeasurement_verified: false\nsecret_store:\n  add_secret_requests:\n\(listed)  locked: true\n")
    }

    @Test("a comma list is the same as repeating --secret")
    func commaList() throws {
        let list = SecretStoreVectors.requests.map { Fixture.path($0) }.joined(separator: ",")
        let (result, _) = try check(allFlags, ["--secret", list, "--secret-store-locked", "true"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("the same requests with an unlocked store do not match")
    func nineRequestsUnlocked() throws {
        let secrets = SecretStoreVectors.requests.flatMap { ["--secret", "@" + $0] }
        let (result, yaml) = try check(allFlags, secrets + ["--secret-store-locked", "false"])
        #expect(result.status == 2)
        #expect(yaml == "successful: false\nmeasurement_verified: false\nissues:\n- 'The calculated secret-store-hash does not match with the provided hash'\n")
        #expect(result.stderr.contains("✘ The calculated secret-store-hash does not match with the provided hash"))
    }

    @Test("another order does not match")
    func otherOrder() throws {
        var order = SecretStoreVectors.requests
        order.swapAt(0, 1)
        let (result, yaml) = try check(allFlags, order.flatMap { ["--secret", "@" + $0] } + ["--secret-store-locked", "true"])
        #expect(result.status == 2)
        #expect(yaml?.contains("secret_store") == false)
    }

    @Test("--secret-store-locked alone checks an empty store")
    func emptyStore() throws {
        let (result, yaml) = try check(allFlags, ["--secret-store-locked", "true"])
        #expect(result.status == 2)
        #expect(yaml?.contains("does not match with the provided hash") == true)
    }

    @Test("a response without a secret-store hash is an issue when the store is checked")
    func hashMissing() throws {
        let (result, yaml) = try check(phkhResponse, ["--secret-store-locked", "false"])
        #expect(result.status == 2)
        #expect(yaml == "successful: false\nmeasurement_verified: false\nissues:\n- 'The Attestation response contains no secret-store-hash, but checking was enabled'\n")
    }

    @Test("a file that is not an add-secret request is an error: exit 1, no result")
    func notAnAddSecretRequest() throws {
        let (result, yaml) = try check(allFlags, ["--secret", "@pv/exp/arcb.bin", "--secret-store-locked", "true"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: '\(Fixture.path("pv/exp/arcb.bin"))': input does not contain an add-secret request\n")
        #expect(yaml == nil)
    }

    @Test("--secret without --secret-store-locked is a usage error")
    func secretNeedsLockState() throws {
        let (result, yaml) = try check(allFlags, ["--secret", "@" + SecretStoreVectors.requests[0]])
        #expect(result.status == 1)
        #expect(yaml == nil)
    }
}

@Suite("check: host keys")
struct CheckHostKeyTests {
    @Test("both hashes match one document each; the result names the files")
    func bothMatch() throws {
        let (result, yaml) = try check(allFlags, ["-k", "@" + pvHost, "-k", "@" + pvattestHost,
                                                  "--host-key-check", "att-key-hash,boot-key-hash"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(yaml == """
            successful: true
            measurement_verified: false
            image_host_key:
              check_enforced: true
              hash: '\(Fixture.path(pvHost))'
            attest_host_key:
              check_enforced: true
              hash: '\(Fixture.path(pvattestHost))'

            """)
    }

    @Test("check_enforced follows --host-key-check per kind")
    func enforcementPerKind() throws {
        let (result, yaml) = try check(allFlags, ["-k", "@" + pvHost, "-k", "@" + pvattestHost, "--host-key-check", "boot-key-hash"])
        #expect(result.status == 0)
        #expect(yaml?.contains("image_host_key:\n  check_enforced: true\n") == true)
        #expect(yaml?.contains("attest_host_key:\n  check_enforced: false\n") == true)
    }

    @Test("the wrong document matches neither hash: two issues, exit 2, no crash")
    func wrongDocument() throws {
        let (result, yaml) = try check(allFlags, ["-k", "@pv/cert/host.crt"])
        #expect(result.status == 2)
        #expect(yaml == """
            successful: false
            measurement_verified: false
            issues:
            - 'No given host-key document matches the given image public host-key hash (0x415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0)'
            - 'No given host-key document matches the given attestation public host-key hash (0x596e8bf9ceb88e686c74ff007c6df5124e00156981279011f0c6c388b6e95892)'

            """)
    }

    @Test("the right document for one key and the wrong one for the other")
    func oneRightOneWrong() throws {
        let (result, yaml) = try check(phkhResponse, ["-k", "@" + pvattestHost])
        #expect(result.status == 2)
        #expect(yaml?.contains("No given host-key document matches the given image public host-key hash") == true)
        #expect(yaml?.contains("No given host-key document matches the given attestation public host-key hash") == true)
        let (right, rightYAML) = try check(phkhResponse, ["-k", "@" + pvHost])
        #expect(right.status == 0)
        #expect(rightYAML?.contains("attest_host_key:\n  check_enforced: false\n  hash: '\(Fixture.path(pvHost))'") == true)
    }

    @Test("documents with the same key (a DER copy, the PEM file twice) are refused, naming both")
    func severalMatches() throws {
        try Scratch.with { files in
            let der = try files.write(derCertificate(fromPEM: pvattestHost), to: "host.der")
            let (result, yaml) = try check(allFlags, ["-k", "@" + pvHost, "-k", "@" + pvattestHost, "-k", der])
            #expect(result.status == 1)
            #expect(yaml == nil)
            #expect(result.stderr == "error: host-key document '\(der)' holds the same host key as '\(Fixture.path(pvattestHost))'\n")
            let (twice, _) = try check(allFlags, ["-k", "@" + pvattestHost, "-k", "@" + pvattestHost])
            #expect(twice.status == 1)
            #expect(twice.stderr == "error: host-key document '\(Fixture.path(pvattestHost))' is given twice\n")
        }
    }

    @Test("a missing hash passes when not enforced")
    func missingNotEnforced() throws {
        let (result, yaml) = try check("@derived/e2e/resp_nonce_only.bin", ["-k", "@" + pvHost])
        #expect(result.status == 0)
        #expect(yaml == "successful: true\nmeasurement_verified: false\n")
    }

    @Test("a missing hash is an issue when enforced", arguments: [
        ("boot-key-hash", "image"), ("att-key-hash", "attestation"),
    ])
    func missingEnforced(check policy: String, kind: String) throws {
        let (result, yaml) = try check("@derived/e2e/resp_nonce_only.bin", ["-k", "@" + pvHost, "--host-key-check", policy])
        #expect(result.status == 2)
        #expect(yaml == "successful: false\nmeasurement_verified: false\nissues:\n- 'The Attestation result does not contain an \(kind) public host-key hash, but checking was enabled.'\n")
    }

    @Test("a file that is not a certificate is an error: exit 1, no result")
    func notACertificate() throws {
        let (result, yaml) = try check(allFlags, ["-k", "@pv/exp/arcb.bin"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: host-key document '\(Fixture.path("pv/exp/arcb.bin"))': "))
        #expect(yaml == nil)
    }
}

@Suite("check: user data")
struct CheckUserDataTests {
    static let userData: [UInt8] = Array(0x30...0x54)

    @Test("the exact bytes pass and are reported")
    func match() throws {
        try Scratch.with { scratch in
            let file = try scratch.write(Self.userData, to: "user")
            let (result, yaml) = try check(phkhResponse, ["-u", file])
            #expect(result.status == 0)
            #expect(yaml == "successful: true\nmeasurement_verified: false\nuser_data: '0x303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f5051525354'\n")
        }
    }

    @Test("different bytes, a prefix or a longer file do not match", arguments: [
        Array(Self.userData.dropLast()), Self.userData + [0], [0x31] + Self.userData.dropFirst(), [],
    ])
    func mismatch(expected: [UInt8]) throws {
        try Scratch.with { scratch in
            let file = try scratch.write(expected, to: "user")
            let (result, yaml) = try check(phkhResponse, ["-u", file])
            #expect(result.status == 2)
            #expect(yaml == "successful: false\nmeasurement_verified: false\nissues:\n- 'The provided user data does not match the user data from the attestation response.'\n")
        }
    }

    @Test("a response without user data never matches")
    func responseWithoutUserData() throws {
        try Scratch.with { scratch in
            let (result, _) = try check(allFlags, ["-u", try scratch.write([], to: "user")])
            #expect(result.status == 2)
        }
    }
}

@Suite("check: verify first (--hdr, -a)")
struct CheckVerifyFirstTests {
    static let verify = ["--hdr", "@pv/exp/secure_guest.hdr", "-a", "@derived/e2e/arpk.bin"]

    @Test("a verified response is then judged", arguments: [
        "pv/exp/secure_guest.hdr", "derived/images/se_img_meta_0x14000.bin",
    ])
    func verifiedThenJudged(header: String) throws {
        try Scratch.with { scratch in
            let user = try scratch.write(CheckUserDataTests.userData, to: "user")
            let (result, yaml) = try check(phkhResponse, ["--hdr", "@" + header, "-a", "@derived/e2e/arpk.bin", "-u", user, "-k", "@" + pvHost])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
            #expect(yaml?.hasPrefix("successful: true\nmeasurement_verified: true\nimage_host_key:\n") == true)
            #expect(yaml?.contains("user_data: '0x3031") == true)
        }
    }

    @Test("all flags and two host keys verify and pass")
    func allFlagsVerified() throws {
        let (result, _) = try check(allFlags, Self.verify + ["-k", "@" + pvHost, "-k", "@" + pvattestHost])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("a mismatching measurement is exit 2 and no policy is judged")
    func badMeasurement() throws {
        try Scratch.with { scratch in
            let user = try scratch.write(CheckUserDataTests.userData, to: "user")
            let (result, yaml) = try check("@derived/e2e/resp_phkh_badmeas.bin", Self.verify + ["-u", user, "-k", "@" + pvHost])
            #expect(result.status == 2)
            #expect(yaml == "successful: false\nmeasurement_verified: false\nissues:\n- 'The attestation measurement did not verify (calculated and received measurement differ); no policy was checked'\n")
        }
    }

    @Test("every tampered byte of the user data, CUID or additional data is caught")
    func tamperedByte() throws {
        let original = Fixture.bytes("derived/e2e/resp_phkh.bin")
        // The last byte of the file is the CUID's; the blobs after the ARCB and measurement are tampered one by one.
        for offset in [original.count - 1, original.count - 17, original.count - 17 - 37 - 1] {
            var tampered = original
            tampered[offset] ^= 0x01
            try Scratch.with { scratch in
                let response = try scratch.write(tampered, to: "resp.bin")
                let (result, yaml) = try check(response, Self.verify)
                #expect(result.status == 2, "offset \(offset)")
                #expect(yaml?.contains("did not verify") == true)
            }
        }
    }

    @Test("a wrong ARPK is an error: exit 1, no result")
    func wrongKey() throws {
        let (result, yaml) = try check(phkhResponse, ["--hdr", "@pv/exp/secure_guest.hdr", "-a", "@derived/e2e/arpk_wrong.bin"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot decrypt the attestation request"))
        #expect(yaml == nil)
    }

    @Test("--hdr needs -a")
    func headerNeedsKey() throws {
        let (result, yaml) = try check(phkhResponse, ["--hdr", "@pv/exp/secure_guest.hdr"])
        #expect(result.status == 1)
        #expect(yaml == nil)
    }
}

@Suite("check: result")
struct CheckResultTests {
    @Test("without any policy and without --hdr/-a the response passes, with two warnings that nothing was checked")
    func noPolicy() throws {
        let (result, yaml) = try check(allFlags, [])
        #expect(result.status == 0)
        #expect(yaml == "successful: true\nmeasurement_verified: false\n")
        #expect(result.stderr == """
            warning: the attestation measurement was not verified (no --hdr and -a): the response may be forged
            warning: no policy was given (-k, -u, --secret-store-locked, --firmware): nothing was checked
            ✓ The Attestation response fulfills all policies

            """)
    }

    @Test("a policy without --hdr/-a warns only that the measurement was not verified")
    func policyUnverified() throws {
        let (result, _) = try check(phkhResponse, ["-k", "@" + pvHost])
        #expect(result.status == 0)
        #expect(result.stderr == """
            warning: the attestation measurement was not verified (no --hdr and -a): the response may be forged
            ✓ The Attestation response fulfills all policies

            """)
    }

    @Test("--hdr/-a without a policy records measurement_verified: true and warns that only the measurement was checked")
    func verifiedNoPolicy() throws {
        let (result, yaml) = try check(phkhResponse, CheckVerifyFirstTests.verify, format: "json")
        #expect(result.status == 0)
        #expect(yaml == "{\n  \"successful\": true,\n  \"measurement_verified\": true\n}\n")
        #expect(result.stderr == """
            warning: no policy was given (-k, -u, --secret-store-locked, --firmware): only the measurement was checked
            ✓ The Attestation response fulfills all policies

            """)
    }

    @Test("-q hides the warnings; the result still records the unverified measurement")
    func quietHidesWarnings() throws {
        let (result, yaml) = try check(phkhResponse, ["-q"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(yaml == "successful: true\nmeasurement_verified: false\n")
    }

    @Test("JSON parses back with the same keys and values")
    func jsonParsesBack() throws {
        let secrets = SecretStoreVectors.requests.flatMap { ["--secret", "@" + $0] }
        try Scratch.with { scratch in
            let user = try scratch.write([0x30], to: "user")
            let (result, json) = try check(allFlags, secrets + ["--secret-store-locked", "true", "-k", "@" + pvHost,
                                                                "-k", "@pv/cert/host.crt", "-u", user], format: "json")
            #expect(result.status == 2)
            let object = try #require(try JSONSerialization.jsonObject(with: Data((json ?? "").utf8)) as? [String: Any])
            #expect(object["successful"] as? Bool == false)
            #expect(object["issues"] as? [String] == [
                "No given host-key document matches the given attestation public host-key hash (0x596e8bf9ceb88e686c74ff007c6df5124e00156981279011f0c6c388b6e95892)",
                "The provided user data does not match the user data from the attestation response.",
            ])
            let image = try #require(object["image_host_key"] as? [String: Any])
            #expect(image["check_enforced"] as? Bool == false)
            #expect(image["hash"] as? String == Fixture.path(pvHost))
            #expect(object["attest_host_key"] == nil)
            #expect(object["user_data"] == nil)
            let store = try #require(object["secret_store"] as? [String: Any])
            #expect(store["add_secret_requests"] as? [String] == SecretStoreVectors.requests.map { Fixture.path($0) })
            #expect(store["locked"] as? Bool == true)
            #expect(object["measurement_verified"] as? Bool == false)
            #expect(Array(object.keys).count == 5)
        }
    }

    @Test("the result goes to standard output for -")
    func standardOutput() throws {
        let result = try runSEAttest(["check", phkhResponse, "-", "-k", "@pv/cert/host.crt", "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("{\n  \"successful\": false,\n  \"measurement_verified\": false,\n  \"issues\": [\n"))
    }

    @Test("-i and -o work like the operands")
    func namedOptions() throws {
        try Scratch.with { scratch in
            let result = try runSEAttest(["check", "-o", scratch.path("r"), "-i", phkhResponse])
            #expect(result.status == 0)
            #expect(scratch.text("r") == "successful: true\nmeasurement_verified: false\n")
        }
    }

    @Test("a malformed response is an error and an existing result is untouched")
    func malformedResponse() throws {
        try Scratch.with { scratch in
            let output = try scratch.write(Array("keep".utf8), to: "result")
            let result = try runSEAttest(["check", "@pvattest/exchange/min_req.bin", output])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("error: '\(Fixture.path("pvattest/exchange/min_req.bin"))': "))
            #expect(scratch.text("result") == "keep")
        }
    }

    @Test("additional data missing or shorter than the request's flags ask for is an error, as in verify", arguments: [
        ExchangeBytes.settingEntry(.additionalData, size: 0, offset: 0), ExchangeBytes.settingEntry(.additionalData, size: 63),
    ])
    func additionalDataShort(damage: @Sendable ([UInt8]) -> [UInt8]) throws {
        try Scratch.with { scratch in
            let response = try scratch.write(damage(Fixture.bytes("derived/e2e/resp_phkh.bin")), to: "resp.bin")
            let result = try runSEAttest(["check", response, scratch.path("result"), "-k", "@" + pvHost])
            expectError(result, naming: response, "attestation flags indicate that the additional data contains")
            #expect(scratch.text("result") == nil)
        }
    }

    @Test("a response whose ARCB is not an attestation request is an error (pvattest test files carry a fake one)")
    func fakeRequest() throws {
        let (result, yaml) = try check("@pvattest/exchange/full_resp.bin", [])
        #expect(result.status == 1)
        #expect(yaml == nil)
    }
}
