import Foundation
import SECore
import SECrypto
import SETestSupport
import Testing

/// `verify` through the built binary: exit 0 / 2 / 1, the result on stderr, the `-o` and `-u`
/// outputs, and one `error:` line naming the file for every malformed input (docs/cli-conventions.md §1.9).
@Suite struct VerifyCommandTests {
    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let arpk = Fixture.path("derived/e2e/arpk.bin")
    static let phkhResponse = Fixture.bytes("derived/e2e/resp_phkh.bin")
    static let allFlagsResponse = Fixture.bytes("derived/e2e/resp_all_flags.bin")
    static let nonceOnlyResponse = Fixture.bytes("derived/e2e/resp_nonce_only.bin")

    static let cuid = "0x000102030405060708090a0b0c0d0e0f"
    static let pvHostPHKH = "415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0"
    static let pvattestHostPHKH = "596e8bf9ceb88e686c74ff007c6df5124e00156981279011f0c6c388b6e95892"
    static let secretStoreHash = "d048702b4a79478b985e92e7edff453f63f2044e7d72faf12efd2eaea0cd0505559ed6665a06f6b4f9c6fcf9f2960e6cd3c3cc8cafe57ac8406e616bf9529517"
    static let firmwareState = String(repeating: "2a", count: 320)
    static let userData = "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f5051525354"
    static let mismatch = "Attestation measurement verification failed. Calculated and received attestation measurement are not equal.\n"

    /// Runs `verify` in `scratch` with `-o out.yaml -u user.bin` (unless `outputs` is false) and,
    /// when it fails, checks that the folder is exactly as before: no output, no temporary file.
    func verify(
        _ scratch: Scratch, _ input: String, header: String = header, arpk: String = arpk,
        outputs: Bool = true, extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> SEAttestBinary.Result {
        let before = try scratch.listing()
        let run = try scratch.run(["verify", "-i", input, "--hdr", header, "-a", arpk]
            + (outputs ? ["-o", "out.yaml", "-u", "user.bin"] : []) + extra)
        if run.status != 0 {
            #expect(try scratch.listing() == before, "a failed verify left files behind", sourceLocation: sourceLocation)
        }
        return run
    }

    // MARK: - Verified responses

    struct Case: Sendable, CustomTestStringConvertible {
        let response: String
        let header: String
        var testDescription: String { "\(response) with \(header)" }
    }

    static let verifiedCases: [Case] = [
        "derived/e2e/resp_phkh.bin", "derived/e2e/resp_all_flags.bin", "derived/e2e/resp_nonce_only.bin",
    ].flatMap { response in
        ["pv/exp/secure_guest.hdr", "derived/images/se_img_scan_0x12000.bin", "derived/images/se_img_meta_0x14000.bin"]
            .map { Case(response: response, header: $0) }
    }

    /// pvattest's human-readable result (docs/formats.md §10.4), for each derived response.
    static func expectedText(_ response: String) -> String {
        switch response {
        case "derived/e2e/resp_phkh.bin":
            return """
                Attestation measurement verified
                Config UID:
                \(cuid)
                Additional-data:
                0x\(pvHostPHKH)\(pvHostPHKH)
                Additional-data content:
                Image PHKH
                0x\(pvHostPHKH)
                Attestation PHKH
                0x\(pvHostPHKH)

                user-data:
                0x\(userData)


                """
        case "derived/e2e/resp_all_flags.bin":
            return """
                Attestation measurement verified
                Config UID:
                \(cuid)
                Additional-data:
                0x\(pvHostPHKH)\(pvattestHostPHKH)\(secretStoreHash)\(firmwareState)
                Additional-data content:
                Image PHKH
                0x\(pvHostPHKH)
                Attestation PHKH
                0x\(pvattestHostPHKH)
                Secret store hash
                0x\(secretStoreHash)
                Firmware state
                0x\(firmwareState)



                """
        default:
            return "Attestation measurement verified\nConfig UID:\n\(cuid)\n\n"
        }
    }

    /// The `-o` YAML: pvattest's keys and order, every value single-quoted.
    static func expectedYAML(_ response: String) -> String {
        switch response {
        case "derived/e2e/resp_phkh.bin":
            return """
                cuid: '\(cuid)'
                add: '0x\(pvHostPHKH)\(pvHostPHKH)'
                add_fields:
                  image_phkh: '0x\(pvHostPHKH)'
                  attestation_phkh: '0x\(pvHostPHKH)'
                user_data: '0x\(userData)'

                """
        case "derived/e2e/resp_all_flags.bin":
            return """
                cuid: '\(cuid)'
                add: '0x\(pvHostPHKH)\(pvattestHostPHKH)\(secretStoreHash)\(firmwareState)'
                add_fields:
                  image_phkh: '0x\(pvHostPHKH)'
                  attestation_phkh: '0x\(pvattestHostPHKH)'
                  secret_store_hash: '0x\(secretStoreHash)'
                  firmware_state: '0x\(firmwareState)'

                """
        default:
            return "cuid: '\(cuid)'\n"
        }
    }

    @Test("derived responses verify with the bare header and both images: exit 0, pvattest's text on stderr",
          arguments: VerifyCommandTests.verifiedCases)
    func verified(_ testCase: Case) throws {
        try Scratch.with { scratch in
            let run = try verify(scratch, Fixture.path(testCase.response), header: Fixture.path(testCase.header), outputs: false)
            #expect(run.status == 0)
            #expect(run.stdout == "")
            #expect(run.stderr == Self.expectedText(testCase.response))
        }
    }

    @Test("-o writes the YAML golden text: pvattest's keys and order, every value single-quoted",
          arguments: ["derived/e2e/resp_phkh.bin", "derived/e2e/resp_all_flags.bin", "derived/e2e/resp_nonce_only.bin"])
    func yamlResult(_ response: String) throws {
        try Scratch.with { scratch in
            let run = try verify(scratch, Fixture.path(response), outputs: false, extra: ["-o", "out.yaml"])
            #expect(run.status == 0)
            #expect(scratch.text("out.yaml") == Self.expectedYAML(response))
            #expect(try scratch.mode("out.yaml") == 0o644)
            #expect(try scratch.listing() == ["out.yaml"])
        }
    }

    @Test("--format json writes the same keys and \"0x…\" strings, in pvattest's order")
    func jsonResult() throws {
        try Scratch.with { scratch in
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), outputs: false,
                                 extra: ["-o", "out.json", "--format", "json"])
            #expect(run.status == 0)
            let text = try #require(scratch.text("out.json"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["cuid", "add", "add_fields", "user_data"])
            #expect(object["cuid"] as? String == Self.cuid)
            #expect(object["add"] as? String == "0x\(Self.pvHostPHKH)\(Self.pvHostPHKH)")
            #expect(object["user_data"] as? String == "0x\(Self.userData)")
            let fields = try #require(object["add_fields"] as? [String: Any])
            #expect(fields.count == 2)
            #expect(fields["image_phkh"] as? String == "0x\(Self.pvHostPHKH)")
            #expect(fields["attestation_phkh"] as? String == "0x\(Self.pvHostPHKH)")
            let order = ["\"cuid\"", "\"add\"", "\"add_fields\"", "\"image_phkh\"", "\"attestation_phkh\"", "\"user_data\""]
                .map { text.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        }
    }

    @Test("--format json for all flags and for a nonce-only response")
    func jsonAllFlagsAndNonceOnly() throws {
        try Scratch.with { scratch in
            var run = try verify(scratch, Fixture.path("derived/e2e/resp_all_flags.bin"), outputs: false,
                                 extra: ["-o", "all.json", "--format=json"])
            #expect(run.status == 0)
            let all = try #require(try JSONSerialization.jsonObject(with: Data(scratch.bytes("all.json") ?? [])) as? [String: Any])
            #expect(Set(all.keys) == ["cuid", "add", "add_fields"])
            let fields = try #require(all["add_fields"] as? [String: String])
            #expect(fields == [
                "image_phkh": "0x\(Self.pvHostPHKH)", "attestation_phkh": "0x\(Self.pvattestHostPHKH)",
                "secret_store_hash": "0x\(Self.secretStoreHash)", "firmware_state": "0x\(Self.firmwareState)",
            ])

            run = try verify(scratch, Fixture.path("derived/e2e/resp_nonce_only.bin"), outputs: false,
                             extra: ["-o", "nonce.json", "--format", "json"])
            #expect(run.status == 0)
            let nonce = try JSONSerialization.jsonObject(with: Data(scratch.bytes("nonce.json") ?? [])) as? [String: String]
            #expect(nonce == ["cuid": Self.cuid])
        }
    }

    @Test("-o - writes the YAML to stdout and nothing else")
    func resultOnStdout() throws {
        try Scratch.with { scratch in
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), outputs: false, extra: ["-o", "-"])
            #expect(run.status == 0)
            #expect(run.stdout == Self.expectedYAML("derived/e2e/resp_phkh.bin"))
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("the response can come from stdin (-i -)")
    func responseFromStdin() throws {
        try Scratch.with { scratch in
            let run = try SEAttestBinary.run(["verify", "-i", "-", "--hdr", Self.header, "-a", Self.arpk],
                                             stdin: Self.phkhResponse, in: scratch.url)
            #expect(run.status == 0)
            #expect(run.stderr == Self.expectedText("derived/e2e/resp_phkh.bin"))
        }
    }

    @Test("-u writes exactly the verified user data, and -o replaces an existing result file")
    func userDataOutput() throws {
        try Scratch.with { scratch in
            try scratch.write(Array("old result\n".utf8), to: "out.yaml")
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"))
            #expect(run.status == 0)
            #expect(run.stderr == Self.expectedText("derived/e2e/resp_phkh.bin"))
            #expect(scratch.bytes("user.bin") == Hex.decode(Self.userData))
            #expect(scratch.text("out.yaml") == Self.expectedYAML("derived/e2e/resp_phkh.bin"))
            #expect(try scratch.listing() == ["out.yaml", "user.bin"])
        }
    }

    @Test("-u with a response without user data: a warning after the result, no file, exit 0",
          arguments: ["derived/e2e/resp_all_flags.bin", "derived/e2e/resp_nonce_only.bin"])
    func userDataMissing(_ response: String) throws {
        try Scratch.with { scratch in
            let run = try verify(scratch, Fixture.path(response))
            #expect(run.status == 0)
            #expect(run.errorLines.isEmpty)
            #expect(run.stderr == Self.expectedText(response)
                + "warning: a location for the user data was given, but the response does not contain any user data\n")
            #expect(try scratch.listing() == ["out.yaml"])
            #expect(scratch.text("out.yaml") == Self.expectedYAML(response))
        }
    }

    @Test("trailing bytes after the response still verify, with the same result")
    func trailingBytes() throws {
        try Scratch.with { scratch in
            let input = try scratch.write(Self.phkhResponse + Fixture.rep(0xEE, 100), to: "trailing.bin")
            let run = try verify(scratch, input)
            #expect(run.status == 0)
            #expect(run.stderr == Self.expectedText("derived/e2e/resp_phkh.bin"))
            #expect(scratch.text("out.yaml") == Self.expectedYAML("derived/e2e/resp_phkh.bin"))
        }
    }

    @Test("blobs in non-canonical order (found through the entries) still verify")
    func nonCanonicalOrder() throws {
        let original = try ExchangeResponse(parsing: Self.phkhResponse)
        let reversed = ExchangeBytes.response([
            (.cuid, original.cuid), (.userData, original.userData ?? []), (.additionalData, original.additionalData ?? []),
            (.measurement, original.measurement), (.arcb, original.arcb),
        ])
        #expect(ExchangeBytes.entry(reversed, .cuid).offset == 0x40)
        #expect(reversed.count == Self.phkhResponse.count)
        try Scratch.with { scratch in
            let input = try scratch.write(reversed, to: "reversed.bin")
            let run = try verify(scratch, input)
            #expect(run.status == 0)
            #expect(run.stderr == Self.expectedText("derived/e2e/resp_phkh.bin"))
            #expect(scratch.text("out.yaml") == Self.expectedYAML("derived/e2e/resp_phkh.bin"))
            #expect(scratch.bytes("user.bin") == original.userData)
        }
    }

    @Test("additional data beyond what the flags name is shown as unrecognized, exit 0")
    func extraAdditionalData() throws {
        let original = try ExchangeResponse(parsing: Self.phkhResponse)
        let extra: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
        let additional = (original.additionalData ?? []) + extra
        let response = try MeasurementForge.response(arcb: original.arcb, cuid: original.cuid, userData: nil, additionalData: additional)
        try Scratch.with { scratch in
            let run = try verify(scratch, try scratch.write(response, to: "extra.bin"))
            #expect(run.status == 0)
            #expect(run.stderr == """
                Attestation measurement verified
                Config UID:
                \(Self.cuid)
                Additional-data:
                0x\(Self.pvHostPHKH)\(Self.pvHostPHKH)deadbeef
                Additional-data content:
                Image PHKH
                0x\(Self.pvHostPHKH)
                Attestation PHKH
                0x\(Self.pvHostPHKH)
                Unrecognized
                0xdeadbeef


                warning: a location for the user data was given, but the response does not contain any user data

                """)
            #expect(scratch.text("out.yaml") == """
                cuid: '\(Self.cuid)'
                add: '0x\(Self.pvHostPHKH)\(Self.pvHostPHKH)deadbeef'
                add_fields:
                  image_phkh: '0x\(Self.pvHostPHKH)'
                  attestation_phkh: '0x\(Self.pvHostPHKH)'
                  unrecognized: '0xdeadbeef'

                """)
        }
    }

    @Test("an image whose SeImgLnx record has version 2: pvattest's warning naming it, then the result")
    func unknownImageVersion() throws {
        var image = Fixture.bytes("derived/images/se_img_meta_0x14000.bin")
        ExchangeBytes.setU32(&image, at: 0xC010, 2)
        try Scratch.with { scratch in
            let path = try scratch.write(image, to: "image.bin")
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_nonce_only.bin"), header: path, outputs: false)
            #expect(run.status == 0)
            #expect(run.stderr == "warning: '\(path)': unknown SE boot image version 2\n"
                + Self.expectedText("derived/e2e/resp_nonce_only.bin"))
        }
    }

    @Test("the SE image can come from stdin (--hdr -)")
    func headerFromStdin() throws {
        try Scratch.with { scratch in
            let run = try SEAttestBinary.run(
                ["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", "-", "-a", Self.arpk],
                stdin: Fixture.bytes("derived/images/se_img_scan_0x12000.bin"), in: scratch.url)
            #expect(run.status == 0)
            #expect(run.stderr == Self.expectedText("derived/e2e/resp_phkh.bin"))
        }
    }

    @Test("-q: exit 0 with nothing on stderr, exit 2 with nothing on stderr, exit 1 still with its error line")
    func quiet() throws {
        try Scratch.with { scratch in
            var run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), outputs: false, extra: ["-q"])
            #expect(run.status == 0)
            #expect(run.stderr == "")
            run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh_badmeas.bin"), outputs: false, extra: ["-q"])
            #expect(run.status == 2)
            #expect(run.stderr == "")
            let wrong = Fixture.path("derived/e2e/arpk_wrong.bin")
            run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), arpk: wrong, outputs: false, extra: ["-q"])
            expectError(run, naming: wrong)
        }
    }

    @Test("-v adds detail to an error but it stays one error: line")
    func verboseError() throws {
        try Scratch.with { scratch in
            let wrong = Fixture.path("derived/e2e/arpk_wrong.bin")
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), arpk: wrong, extra: ["-v"])
            expectError(run, naming: wrong, "decrypt")
            #expect(run.stderr.hasPrefix("error: "))
        }
    }

    @Test("a header file with bytes after the header's size still verifies")
    func headerWithTrailingBytes() throws {
        try Scratch.with { scratch in
            let header = try scratch.write(MeasurementForge.header + Fixture.rep(0x99, 0x200), to: "long.hdr")
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), header: header, outputs: false)
            #expect(run.status == 0)
        }
    }

    // MARK: - Requests create never writes, measured independently

    /// An ARCB sealed in the test from chosen parts (docs/formats.md §4.1): IV rep(55,12), the
    /// upstream customer key and key slot, ARPK rep(17,32).
    static func handmadeARCB(flags: UInt64, confidential: [UInt8], slots: Int = 1) throws -> [UInt8] {
        let slot = try KeySlot(parsing: Fixture.bytes("pv/exp/keyslot.bin")[...])
        let iv = Fixture.rep(0x55, 12)
        let authenticated = AttestationRequest.authenticatedData(
            iv: iv, flags: AttestationFlags(rawValue: flags), algorithm: .hmacSHA512,
            customerKey: Fixture.bytes("pv/keys/public_cust.bin"), keySlots: Array(repeating: slot, count: slots),
            encryptedSize: confidential.count)
        let sealed = try AESGCM.seal(SecretBytes(copying: confidential), key: SecretBytes(copying: MeasurementForge.arpk),
                                     iv: iv, authenticating: authenticated)
        return authenticated + sealed.ciphertext + sealed.tag
    }

    /// The measurement message of docs/formats.md §6.1 written out byte by byte, independent of SECore.
    static func independentMeasurement(key: [UInt8], nonce: [UInt8]?, cuid: [UInt8], userData: [UInt8], additionalData: [UInt8]) throws -> [UInt8] {
        let header = MeasurementForge.header
        var message = Array(header[0xE0..<0x1A0]) + Array(header[0x270..<0x280]) + cuid
        message += [UInt8(userData.count >> 8), UInt8(userData.count & 0xFF), 0, 0]
        message += [0, 0, UInt8(additionalData.count >> 8), UInt8(additionalData.count & 0xFF)]
        message += userData + (nonce ?? []) + additionalData
        return try HMACSHA512.authenticationCode(key: SecretBytes(copying: key), message)
    }

    struct Handmade: Sendable, CustomTestStringConvertible {
        let name: String
        let flags: UInt64
        let confidentialSize: Int
        let slots: Int
        /// Whether the Ultravisor measured a nonce (docs/formats.md §4.3 step 8: iff 80 bytes are encrypted).
        let nonce: Bool
        var testDescription: String { name }
    }

    @Test("requests create never writes verify when measured as the firmware would", arguments: [
        Handmade(name: "no nonce flag, 64 encrypted bytes: no nonce", flags: 0, confidentialSize: 64, slots: 1, nonce: false),
        Handmade(name: "nonce flag, 64 encrypted bytes: no nonce", flags: 0x4000_0000_0000_0000, confidentialSize: 64, slots: 1, nonce: false),
        Handmade(name: "no nonce flag, 80 encrypted bytes: nonce by length", flags: 0, confidentialSize: 80, slots: 1, nonce: true),
        Handmade(name: "96 encrypted bytes: no nonce", flags: 0x4000_0000_0000_0000, confidentialSize: 96, slots: 1, nonce: false),
        Handmade(name: "reserved flag bits 0, 10 and 63 set", flags: 0xC020_0000_0000_0001, confidentialSize: 80, slots: 1, nonce: true),
        Handmade(name: "three key slots", flags: 0x4000_0000_0000_0000, confidentialSize: 80, slots: 3, nonce: true),
    ])
    func handmadeRequest(_ shape: Handmade) throws {
        let confidential = (0..<shape.confidentialSize).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let arcb = try Self.handmadeARCB(flags: shape.flags, confidential: confidential, slots: shape.slots)
        let cuid = Fixture.rep(0x5A, 16)
        let userData = Array("handmade".utf8)
        let additional = Fixture.rep(0x3C, 10)
        let key = Array(confidential.prefix(64))
        let nonce = shape.nonce ? Array(confidential[64..<80]) : nil
        let right = try Self.independentMeasurement(key: key, nonce: nonce, cuid: cuid, userData: userData, additionalData: additional)
        let wrong = try Self.independentMeasurement(key: key, nonce: shape.nonce ? nil : Fixture.rep(0, 16), cuid: cuid,
                                                    userData: userData, additionalData: additional)
        try Scratch.with { scratch in
            let good = ExchangeResponse(arcb: arcb, measurement: right, additionalData: additional, userData: userData, cuid: cuid)
            var run = try verify(scratch, try scratch.write(good.bytes, to: "good.bin"), outputs: false, extra: ["-o", "out.yaml"])
            #expect(run.status == 0, "\(run.stderr)")
            // Unknown flag bits split nothing: all additional data is unrecognized.
            #expect(scratch.text("out.yaml") == """
                cuid: '0x\(Hex.encode(cuid))'
                add: '0x\(Hex.encode(additional))'
                add_fields:
                  unrecognized: '0x\(Hex.encode(additional))'
                user_data: '0x\(Hex.encode(userData))'

                """)
            let bad = ExchangeResponse(arcb: arcb, measurement: wrong, additionalData: additional, userData: userData, cuid: cuid)
            run = try verify(scratch, try scratch.write(bad.bytes, to: "bad.bin"), outputs: false)
            #expect(run.status == 2)
        }
    }

    // MARK: - Measurement mismatch (exit 2)

    @Test("resp_phkh_badmeas: exit 2, the one-line reason, no -o or -u file, an existing result untouched")
    func badMeasurement() throws {
        try Scratch.with { scratch in
            try scratch.write(Array("keep me\n".utf8), to: "out.yaml")
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh_badmeas.bin"))
            #expect(run.status == 2)
            #expect(run.stdout == "")
            #expect(run.stderr == Self.mismatch)
            #expect(scratch.text("out.yaml") == "keep me\n")
            #expect(try scratch.listing() == ["out.yaml"])
        }
    }

    struct Tamper: Sendable, CustomTestStringConvertible {
        let name: String
        let slot: ExchangeSlot
        let index: Int
        var testDescription: String { name }
    }

    @Test("a byte of the measured response content tampered: exit 2", arguments: [
        Tamper(name: "measurement first byte", slot: .measurement, index: 0),
        Tamper(name: "measurement byte 40", slot: .measurement, index: 40),
        Tamper(name: "CUID first byte", slot: .cuid, index: 0),
        Tamper(name: "CUID last byte", slot: .cuid, index: 15),
        Tamper(name: "user data first byte", slot: .userData, index: 0),
        Tamper(name: "user data last byte", slot: .userData, index: 36),
        Tamper(name: "image phkh in the additional data", slot: .additionalData, index: 0),
        Tamper(name: "attestation phkh in the additional data", slot: .additionalData, index: 63),
    ])
    func tamperedContent(_ tamper: Tamper) throws {
        let file = ExchangeBytes.flipping(Self.phkhResponse, at: ExchangeBytes.offset(Self.phkhResponse, tamper.slot, tamper.index))
        try Scratch.with { scratch in
            let run = try verify(scratch, try scratch.write(file, to: "tampered.bin"))
            #expect(run.status == 2)
            #expect(run.stderr == Self.mismatch)
            #expect(try scratch.listing() == ["tampered.bin"])
        }
    }

    @Test("a byte of the measured all-flags content tampered (secret-store hash, firmware state): exit 2",
          arguments: [64, 127, 128, 447])
    func tamperedAllFlags(_ index: Int) throws {
        let response = Self.allFlagsResponse
        let file = ExchangeBytes.flipping(response, at: ExchangeBytes.offset(response, .additionalData, index))
        try Scratch.with { scratch in
            let run = try verify(scratch, try scratch.write(file, to: "tampered.bin"))
            #expect(run.status == 2)
            #expect(run.stderr == Self.mismatch)
        }
    }

    struct Region: Sendable, CustomTestStringConvertible {
        let name: String
        let range: Range<Int>
        /// The exit statuses a flipped byte in this region may give.
        let allowed: Set<Int32>
        var testDescription: String { name }
    }

    /// resp_phkh: header 0x00..0x40, ARCB 0x40..0x1D0, measurement ..0x210, additional ..0x250,
    /// user data ..0x275, CUID ..0x285.
    @Test("every byte of resp_phkh flipped in turn: no crash, exit 1 for the ARCB, exit 2 for measured content", arguments: [
        Region(name: "exchange magic and version", range: 0x00..<0x0C, allowed: [1]),
        // A smaller size field is not checked (pvattest only requires file length >= size).
        Region(name: "exchange size field", range: 0x0C..<0x10, allowed: [0, 1]),
        Region(name: "exchange reserved bytes (ignored)", range: 0x10..<0x18, allowed: [0]),
        Region(name: "exchange entries", range: 0x18..<0x40, allowed: [1, 2]),
        Region(name: "ARCB", range: 0x40..<0x1D0, allowed: [1]),
        Region(name: "measurement, additional data, user data, CUID", range: 0x1D0..<0x285, allowed: [2]),
    ])
    func everyByteFlipped(_ region: Region) throws {
        try Scratch.with { scratch in
            for offset in region.range {
                let input = try scratch.write(ExchangeBytes.flipping(Self.phkhResponse, at: offset), to: "flipped.bin")
                let run = try scratch.run(["verify", "-i", input, "--hdr", Self.header, "-a", Self.arpk])
                #expect(region.allowed.contains(run.status), "offset 0x\(String(offset, radix: 16)): exit \(run.status), \(run.stderr)")
                #expect(run.status == 0 || run.stderr == Self.mismatch || run.errorLines.count == 1,
                        "offset 0x\(String(offset, radix: 16)): \(run.stderr)")
            }
        }
    }

    @Test("a tampered PLD, ALD, TLD or header tag in the SE header: exit 2",
          arguments: [0xE0, 0x11F, 0x120, 0x160, 0x19F, 0x270, 0x27F])
    func tamperedHeaderTags(_ offset: Int) throws {
        try Scratch.with { scratch in
            let header = try scratch.write(ExchangeBytes.flipping(MeasurementForge.header, at: offset), to: "tampered.hdr")
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), header: header)
            #expect(run.status == 2)
            #expect(run.stderr == Self.mismatch)
        }
    }

    @Test("user data added to or removed from a response: exit 2")
    func userDataAddedOrRemoved() throws {
        let original = try ExchangeResponse(parsing: Self.phkhResponse)
        let removed = ExchangeResponse(arcb: original.arcb, measurement: original.measurement,
                                       additionalData: original.additionalData, userData: nil, cuid: original.cuid)
        let nonceOnly = try ExchangeResponse(parsing: Self.nonceOnlyResponse)
        let added = ExchangeResponse(arcb: nonceOnly.arcb, measurement: nonceOnly.measurement,
                                     additionalData: nil, userData: [0x41], cuid: nonceOnly.cuid)
        try Scratch.with { scratch in
            for (name, response) in [("removed.bin", removed), ("added.bin", added)] {
                let run = try verify(scratch, try scratch.write(response.bytes, to: name))
                #expect(run.status == 2, "\(name)")
                #expect(run.stderr == Self.mismatch)
            }
        }
    }

    @Test("a measurement of 63 bytes cannot match: exit 2 (pvattest compares after a length check)")
    func shortMeasurement() throws {
        let original = try ExchangeResponse(parsing: Self.nonceOnlyResponse)
        let short = ExchangeResponse(arcb: original.arcb, measurement: Array(original.measurement.prefix(63)),
                                     additionalData: nil, userData: nil, cuid: original.cuid)
        try Scratch.with { scratch in
            let run = try verify(scratch, try scratch.write(short.bytes, to: "short.bin"))
            #expect(run.status == 2)
            #expect(run.stderr == Self.mismatch)
        }
    }

    /// Additional data shorter than the flags require. The additional data is measured as a
    /// whole, so a response whose additional data was cut after the Ultravisor measured it is a
    /// mismatch (exit 2, as pvattest, which splits only after the measurement check); one whose
    /// measurement covers the short data verifies and then fails the split (exit 1, the file named).
    @Test("additional data shorter than the flags require: exit 2 if the measurement does not cover it, else exit 1")
    func shortAdditionalData() throws {
        let original = try ExchangeResponse(parsing: Self.phkhResponse)
        let short = Array((original.additionalData ?? []).prefix(40))
        let stale = ExchangeResponse(arcb: original.arcb, measurement: original.measurement,
                                     additionalData: short, userData: original.userData, cuid: original.cuid)
        let consistent = try MeasurementForge.response(arcb: original.arcb, cuid: original.cuid,
                                                       userData: original.userData, additionalData: short)
        try Scratch.with { scratch in
            let staleRun = try verify(scratch, try scratch.write(stale.bytes, to: "stale.bin"))
            #expect(staleRun.status == 2)
            #expect(staleRun.stderr == Self.mismatch)

            let input = try scratch.write(consistent, to: "consistent.bin")
            let run = try verify(scratch, input)
            expectError(run, naming: input, "Attestation PHKH")
            #expect(!run.stderr.contains("Attestation measurement verified"))
        }
    }

    /// pvattest splits the additional data only when the response has some, so it accepts a
    /// response whose flags ask for additional data that is not there. se-attest treats missing
    /// data like data that is too short: the Ultravisor always writes what the flags ask for.
    @Test("flags that ask for additional data but none in the response: exit 1 naming the missing item")
    func absentAdditionalData() throws {
        let original = try ExchangeResponse(parsing: Self.phkhResponse)
        let response = try MeasurementForge.response(arcb: original.arcb, cuid: original.cuid, userData: nil, additionalData: nil)
        try Scratch.with { scratch in
            let input = try scratch.write(response, to: "none.bin")
            let run = try verify(scratch, input, outputs: false, extra: ["-o", "out.yaml"])
            expectError(run, naming: input, "Image PHKH")
            #expect(!run.stderr.contains("Attestation measurement verified"))
            #expect(try scratch.listing() == ["none.bin"])
        }
    }

    @Test("a failing -u output leaves no -o file (and the reverse), and prints no result")
    func failingSecondOutput() throws {
        try Scratch.with { scratch in
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), outputs: false,
                                 extra: ["-o", "out.yaml", "-u", "missing/user.bin"])
            expectError(run, naming: "missing/user.bin", "cannot create")
            #expect(!run.stderr.contains("verified"))
            #expect(try scratch.listing().isEmpty)

            let result = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), outputs: false,
                                    extra: ["-o", "missing/out.yaml", "-u", "user.bin"])
            expectError(result, naming: "missing/out.yaml", "cannot create")
            #expect(try scratch.listing().isEmpty)
        }
    }

    // MARK: - Errors: keys and files (exit 1)

    @Test("the wrong ARPK: exit 1 naming the response and the key, not a mismatch")
    func wrongARPK() throws {
        try Scratch.with { scratch in
            let wrong = Fixture.path("derived/e2e/arpk_wrong.bin")
            let input = Fixture.path("derived/e2e/resp_phkh.bin")
            let run = try verify(scratch, input, arpk: wrong)
            expectError(run, naming: input, "'\(wrong)'")
            #expect(!run.stderr.contains("verification failed"))
        }
    }

    @Test("an ARPK file that is not exactly 32 bytes: exit 1 naming it", arguments: [0, 31, 33])
    func arpkSize(_ size: Int) throws {
        try Scratch.with { scratch in
            let key = try scratch.write(Fixture.rep(0x17, size), to: "arpk.bin")
            expectError(try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), arpk: key),
                        naming: key, "\(size) bytes", "exactly 32 bytes")
        }
    }

    @Test("the ARPK cannot come from stdin")
    func arpkFromStdin() throws {
        try Scratch.with { scratch in
            let run = try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), arpk: "-")
            #expect(run.status == 1)
            #expect(run.errorLines.count == 1)
            #expect(run.errorLines.first?.contains("-a") == true)
        }
    }

    @Test("missing response, header or ARPK file: exit 1 naming it")
    func missingFiles() throws {
        try Scratch.with { scratch in
            let missing = scratch.path("missing.bin")
            expectError(try verify(scratch, missing), naming: missing, "cannot open", "No such file")
            expectError(try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), header: missing),
                        naming: missing, "cannot open")
            expectError(try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), arpk: missing),
                        naming: missing, "cannot open")
            expectError(try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), header: scratch.url.path),
                        naming: scratch.url.path, "directory")
        }
    }

    // MARK: - Errors: the SE header (exit 1)

    @Test("images whose header is not found: exit 1 naming the image", arguments: [
        "derived/images/se_img_meta_badoff_notfound.bin", "derived/images/se_img_scan_0x15000_notfound.bin",
        "derived/images/se_hdr_unaligned_notfound.bin",
    ])
    func headerNotFound(_ image: String) throws {
        try Scratch.with { scratch in
            let path = Fixture.path(image)
            expectError(try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), header: path),
                        naming: path, "invalid SE header")
        }
    }

    struct HeaderDamage: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: @Sendable ([UInt8]) -> [UInt8]
        var testDescription: String { name }
    }

    @Test("a damaged SE header: exit 1 naming it", arguments: [
        HeaderDamage(name: "empty", bytes: { _ in [] }),
        HeaderDamage(name: "magic only", bytes: { Array($0.prefix(8)) }),
        HeaderDamage(name: "truncated inside the digests", bytes: { Array($0.prefix(0x100)) }),
        HeaderDamage(name: "truncated before the tag", bytes: { Array($0.prefix(0x270)) }),
        HeaderDamage(name: "last byte missing", bytes: { Array($0.dropLast()) }),
        HeaderDamage(name: "wrong magic", bytes: { ExchangeBytes.flipping($0, at: 0) }),
        HeaderDamage(name: "version 0x200", bytes: ExchangeBytes.settingU32(0x08, 0x200)),
        HeaderDamage(name: "version 0", bytes: ExchangeBytes.settingU32(0x08, 0)),
        HeaderDamage(name: "size 0 ", bytes: ExchangeBytes.settingU32(0x0C, 0)),
        HeaderDamage(name: "size 0x100 (below the fixed part)", bytes: ExchangeBytes.settingU32(0x0C, 0x100)),
        HeaderDamage(name: "size 0x1AF", bytes: ExchangeBytes.settingU32(0x0C, 0x1AF)),
        HeaderDamage(name: "size 0x2001 (above two pages)", bytes: ExchangeBytes.settingU32(0x0C, 0x2001)),
        HeaderDamage(name: "size 0xFFFFFFFF", bytes: ExchangeBytes.settingU32(0x0C, 0xFFFF_FFFF)),
        HeaderDamage(name: "size 0x300 (beyond the file)", bytes: ExchangeBytes.settingU32(0x0C, 0x300)),
    ])
    func damagedHeader(_ damage: HeaderDamage) throws {
        try Scratch.with { scratch in
            let header = try scratch.write(damage.bytes(MeasurementForge.header), to: "damaged.hdr")
            expectError(try verify(scratch, Fixture.path("derived/e2e/resp_phkh.bin"), header: header),
                        naming: header, "SE header")
        }
    }

    // MARK: - Errors: the exchange file (exit 1)

    struct FileDamage: Sendable, CustomTestStringConvertible {
        let name: String
        let phrase: String
        let bytes: @Sendable ([UInt8]) -> [UInt8]
        var testDescription: String { name }
    }

    @Test("a malformed response file: exit 1 naming it", arguments: [
        FileDamage(name: "empty", phrase: "invalid header", bytes: { _ in [] }),
        FileDamage(name: "magic and four bytes", phrase: "invalid header", bytes: { Array($0.prefix(12)) }),
        FileDamage(name: "header cut short", phrase: "invalid header", bytes: { Array($0.prefix(0x3F)) }),
        FileDamage(name: "header only", phrase: "file size too small", bytes: { Array($0.prefix(0x40)) }),
        FileDamage(name: "last byte missing", phrase: "file size too small", bytes: { Array($0.dropLast()) }),
        FileDamage(name: "wrong magic", phrase: "magic", bytes: { ExchangeBytes.flipping($0, at: 0) }),
        FileDamage(name: "magic of another tool", phrase: "magic", bytes: { Array("pvattesT".utf8) + $0.dropFirst(8) }),
        FileDamage(name: "version 0x200", phrase: "unsupported version", bytes: ExchangeBytes.settingU32(0x08, 0x200)),
        FileDamage(name: "version 0xff000100", phrase: "unsupported version", bytes: ExchangeBytes.settingU32(0x08, 0xFF00_0100)),
        FileDamage(name: "size field beyond the file", phrase: "file size too small", bytes: ExchangeBytes.settingU32(0x0C, 0x1000)),
        FileDamage(name: "no request", phrase: "no attestation request", bytes: ExchangeBytes.settingEntry(.arcb, size: 0, offset: 0)),
        FileDamage(name: "request offset 0", phrase: "no attestation request", bytes: ExchangeBytes.settingEntry(.arcb, offset: 0)),
        FileDamage(name: "no measurement", phrase: "measurement missing", bytes: ExchangeBytes.settingEntry(.measurement, size: 0, offset: 0)),
        FileDamage(name: "measurement size only", phrase: "measurement missing", bytes: ExchangeBytes.settingEntry(.measurement, offset: 0)),
        FileDamage(name: "no CUID", phrase: "CUID missing", bytes: ExchangeBytes.settingEntry(.cuid, size: 0, offset: 0)),
        FileDamage(name: "CUID size only", phrase: "CUID missing", bytes: ExchangeBytes.settingEntry(.cuid, offset: 0)),
        FileDamage(name: "CUID of 15 bytes", phrase: "CUID", bytes: ExchangeBytes.settingEntry(.cuid, size: 15)),
        FileDamage(name: "CUID of 17 bytes", phrase: "CUID", bytes: ExchangeBytes.settingEntry(.cuid, size: 17)),
        FileDamage(name: "request past the end", phrase: "outside the file", bytes: ExchangeBytes.settingEntry(.arcb, offset: 0x200)),
        FileDamage(name: "request size too large", phrase: "too large", bytes: ExchangeBytes.settingEntry(.arcb, size: 0x100001)),
        FileDamage(name: "measurement past the end", phrase: "outside the file", bytes: ExchangeBytes.settingEntry(.measurement, offset: 0x270)),
        FileDamage(name: "measurement at offset 0xFFFFFFF0", phrase: "outside the file", bytes: ExchangeBytes.settingEntry(.measurement, offset: 0xFFFF_FFF0)),
        FileDamage(name: "measurement size too large", phrase: "too large", bytes: ExchangeBytes.settingEntry(.measurement, size: 0x8001)),
        FileDamage(name: "additional data past the end", phrase: "outside the file", bytes: ExchangeBytes.settingEntry(.additionalData, size: 0x80)),
        FileDamage(name: "additional data size too large", phrase: "too large", bytes: ExchangeBytes.settingEntry(.additionalData, size: 0x8001)),
        FileDamage(name: "user data past the end", phrase: "outside the file", bytes: ExchangeBytes.settingEntry(.userData, offset: 0x270)),
        FileDamage(name: "user data of 257 bytes", phrase: "too large", bytes: ExchangeBytes.settingEntry(.userData, size: 257)),
        FileDamage(name: "user data size 0xFFFFFFFF", phrase: "too large", bytes: ExchangeBytes.settingEntry(.userData, size: 0xFFFF_FFFF)),
        FileDamage(name: "CUID past the end", phrase: "outside the file", bytes: ExchangeBytes.settingEntry(.cuid, offset: 0x280)),
        FileDamage(name: "request entry one byte longer (length != rql)", phrase: "length", bytes: ExchangeBytes.settingEntry(.arcb, size: 401)),
        FileDamage(name: "request entry one byte shorter", phrase: "length", bytes: ExchangeBytes.settingEntry(.arcb, size: 399)),
        FileDamage(name: "request entry of 7 bytes", phrase: "too small", bytes: ExchangeBytes.settingEntry(.arcb, size: 7)),
        FileDamage(name: "request entry pointing at the measurement", phrase: "request", bytes: ExchangeBytes.settingEntry(.arcb, offset: 0x1D0)),
    ])
    func malformedResponse(_ damage: FileDamage) throws {
        try Scratch.with { scratch in
            let input = try scratch.write(damage.bytes(Self.phkhResponse), to: "damaged.bin")
            expectError(try verify(scratch, input), naming: input, damage.phrase)
        }
    }

    @Test("257 bytes of user data in a well-formed response: exit 1 naming it")
    func oversizedUserData() throws {
        let original = try ExchangeResponse(parsing: Self.nonceOnlyResponse)
        let response = ExchangeResponse(arcb: original.arcb, measurement: original.measurement, additionalData: nil,
                                        userData: Fixture.rep(0x41, 257), cuid: original.cuid)
        try Scratch.with { scratch in
            let input = try scratch.write(response.bytes, to: "big.bin")
            expectError(try verify(scratch, input), naming: input, "user data", "too large")
        }
    }

    @Test("256 bytes of user data are allowed")
    func maximalUserData() throws {
        let original = try ExchangeResponse(parsing: Self.nonceOnlyResponse)
        let user = Fixture.rep(0x42, 256)
        let response = try MeasurementForge.response(arcb: original.arcb, cuid: original.cuid, userData: user, additionalData: nil)
        try Scratch.with { scratch in
            let run = try verify(scratch, try scratch.write(response, to: "max.bin"))
            #expect(run.status == 0)
            #expect(scratch.bytes("user.bin") == user)
        }
    }

    // MARK: - Errors: the ARCB inside the response (exit 1)

    struct ARCBTamper: Sendable, CustomTestStringConvertible {
        let name: String
        /// Offset into the ARCB (docs/formats.md §4.1, one key slot).
        let offset: Int
        let phrase: String
        var testDescription: String { name }
    }

    /// Everything in the ARCB is either checked by the parser or authenticated by the GCM tag,
    /// so every tampered byte is an error (exit 1), never a mismatch.
    @Test("an ARCB tampered anywhere: exit 1 naming the response", arguments: [
        ARCBTamper(name: "magic (byte 0)", offset: 0x00, phrase: "does not contain an attestation request"),
        ARCBTamper(name: "magic (byte 7)", offset: 0x07, phrase: "does not contain an attestation request"),
        ARCBTamper(name: "version", offset: 0x0A, phrase: "unknown version"),
        ARCBTamper(name: "request length (rql)", offset: 0x0F, phrase: "length"),
        ARCBTamper(name: "IV first byte", offset: 0x10, phrase: "decrypt"),
        ARCBTamper(name: "IV last byte", offset: 0x1B, phrase: "decrypt"),
        ARCBTamper(name: "reserved after the IV", offset: 0x1C, phrase: "decrypt"),
        ARCBTamper(name: "reserved before nks", offset: 0x26, phrase: "decrypt"),
        ARCBTamper(name: "key-slot count (nks)", offset: 0x27, phrase: "decrypt"),
        ARCBTamper(name: "reserved before sea", offset: 0x28, phrase: "decrypt"),
        ARCBTamper(name: "encrypted size (sea)", offset: 0x2F, phrase: "request"),
        ARCBTamper(name: "flags, nonce bit word", offset: 0x30, phrase: "decrypt"),
        ARCBTamper(name: "flags, low byte", offset: 0x37, phrase: "decrypt"),
        ARCBTamper(name: "algorithm", offset: 0x3B, phrase: "unknown algorithm"),
        ARCBTamper(name: "reserved after the algorithm", offset: 0x3C, phrase: "decrypt"),
        ARCBTamper(name: "customer key X", offset: 0x40, phrase: "decrypt"),
        ARCBTamper(name: "customer key Y", offset: 0xDF, phrase: "decrypt"),
        ARCBTamper(name: "key-slot phkh", offset: 0xE0, phrase: "decrypt"),
        ARCBTamper(name: "key-slot wrapped key", offset: 0x100, phrase: "decrypt"),
        ARCBTamper(name: "key-slot tag", offset: 0x12F, phrase: "decrypt"),
        ARCBTamper(name: "ciphertext, measurement key", offset: 0x130, phrase: "decrypt"),
        ARCBTamper(name: "ciphertext, nonce", offset: 0x17F, phrase: "decrypt"),
        ARCBTamper(name: "GCM tag first byte", offset: 0x180, phrase: "decrypt"),
        ARCBTamper(name: "GCM tag last byte", offset: 0x18F, phrase: "decrypt"),
    ])
    func tamperedARCB(_ tamper: ARCBTamper) throws {
        let file = ExchangeBytes.flipping(Self.phkhResponse, at: ExchangeBytes.offset(Self.phkhResponse, .arcb, tamper.offset))
        try Scratch.with { scratch in
            let input = try scratch.write(file, to: "tampered.bin")
            let run = try verify(scratch, input)
            expectError(run, naming: input, tamper.phrase)
            #expect(!run.stderr.contains("verification failed"))
        }
    }

    /// resp_nonce_only with its ARCB's encrypted area (sea 80) cut by `bytes` and rql and sea
    /// rewritten to match, so the lengths agree with each other and with the bytes present.
    static func nonceOnlyResponse(encryptedAreaShrunkBy bytes: Int) throws -> ExchangeResponse {
        let original = try ExchangeResponse(parsing: nonceOnlyResponse)
        var arcb = original.arcb
        ExchangeBytes.setU32(&arcb, at: 0x0C, UInt32(arcb.count - bytes))
        ExchangeBytes.setU32(&arcb, at: 0x2C, UInt32(80 - bytes))
        arcb.removeSubrange((arcb.count - 16 - bytes)..<(arcb.count - 16))
        return ExchangeResponse(arcb: arcb, measurement: original.measurement, additionalData: nil,
                                userData: nil, cuid: original.cuid)
    }

    @Test("ARCB length fields rewritten consistently (rql and sea shrunk together): exit 1")
    func consistentLengthTamper() throws {
        // A request whose rql and sea both claim 16 bytes less: the parser accepts the shape,
        // the GCM tag (over a header with other lengths) does not.
        let response = try Self.nonceOnlyResponse(encryptedAreaShrunkBy: 16)
        try Scratch.with { scratch in
            let input = try scratch.write(response.bytes, to: "short.bin")
            expectError(try verify(scratch, input), naming: input, "decrypt")
        }
    }

    @Test("an ARCB with an encrypted area below the measurement-key size: exit 1")
    func tooSmallEncryptedArea() throws {
        let response = try Self.nonceOnlyResponse(encryptedAreaShrunkBy: 20)
        try Scratch.with { scratch in
            let input = try scratch.write(response.bytes, to: "small.bin")
            expectError(try verify(scratch, input), naming: input, "encrypted size too small")
        }
    }

    @Test("a request file (not a response) as input: exit 1 naming it", arguments: [
        "derived/e2e/req_phkh.bin", "pvattest/exchange/min_req.bin",
    ])
    func requestInsteadOfResponse(_ file: String) throws {
        try Scratch.with { scratch in
            let path = Fixture.path(file)
            expectError(try verify(scratch, path), naming: path, "measurement missing")
        }
    }

    @Test("pvattest's dummy response (16-byte fake ARCB): exit 1 naming it")
    func dummyARCB() throws {
        try Scratch.with { scratch in
            let path = Fixture.path("pvattest/exchange/full_resp.bin")
            expectError(try verify(scratch, path), naming: path, "request")
        }
    }
}
