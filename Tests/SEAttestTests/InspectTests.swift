import Foundation
import SECore
import SETestSupport
import Testing

/// `inspect FILE --format json` parsed back into a dictionary.
private func inspectJSON(_ file: String, _ extra: [String] = []) throws -> [String: Any] {
    let result = try runSEAttest(["inspect", file, "--format", "json"] + extra)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
}

private enum Known {
    static let pld = "0xbe94b5eab3c1b118c757d7db7ea0f65d9b64823a8dc55bf8a8725b58072d9d4258c53e8a5da82dfb2192d91d07bc1c39b95d6321d3ba16a751a6e3e32f3e0161"
    static let ald = "0x2858c3368b2a0af0c5ea0fde7905eb15af9cd1dd737165933cdaa2b850b6a8e2f0f42c7b36dd5381096288dc092daa8a6facec2534137bc94ca80bda4fcb9328"
    static let tld = "0x4860ebcf7b9d24eb909a795356ad32c936b62165988a9ffcd66170dbc590c23010d7952fa882d1bb79558f9be0a549d8d7a94ae720e5c0760a825d479fe67af5"
    static let tag = "0x92309d4589b9a85b427f8753171d1520"
    static let pvHostPHKH = "0x415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0"
    static let pvattestHostPHKH = "0x596e8bf9ceb88e686c74ff007c6df5124e00156981279011f0c6c388b6e95892"
    /// The header's one key slot starts at 0x1A0 with the host key's hash (docs/formats.md §7.1).
    static var headerSlotPHKH: String {
        "0x" + Hex.encode(Array(Fixture.bytes("pv/exp/secure_guest.hdr")[0x1A0..<0x1C0]))
    }
}

@Suite("inspect")
struct InspectTests {
    @Test("an SE header: version, size, digests, tag and key-slot hashes as text")
    func seHeaderText() throws {
        let result = try runSEAttest(["inspect", "@pv/exp/secure_guest.hdr"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            type: se-header
            version: 0x100
            size: 640
            iv: 0x4dc42a795fd9d2e4a40fcb33
            key_slot_count: 1
            encrypted_size: 128
            encrypted_pages: 64549
            control_flags: 0x0000000000000000
            pld: \(Known.pld)
            ald: \(Known.ald)
            tld: \(Known.tld)
            tag: \(Known.tag)
            key_slot_phkhs:
              - \(Known.headerSlotPHKH)

            """)
    }

    @Test("an SE image: where the header is, and the same values", arguments: [
        ("derived/images/se_img_meta_0x14000.bin", "0x14000"), ("derived/images/se_img_scan_0x12000.bin", "0x12000"),
    ])
    func seImage(image: String, offset: String) throws {
        let object = try inspectJSON("@" + image)
        #expect(object["type"] as? String == "se-image")
        #expect(object["header_offset"] as? String == offset)
        #expect(object["pld"] as? String == Known.pld)
        #expect(object["ald"] as? String == Known.ald)
        #expect(object["tld"] as? String == Known.tld)
        #expect(object["tag"] as? String == Known.tag)
        #expect(object["size"] as? Int == 640)
        #expect(object["key_slot_phkhs"] as? [String] == [Known.headerSlotPHKH])
    }

    @Test("a host-key document: subject, issuer, validity and host-key hash", arguments: [
        ("pv/keys/host.pem.crt", Known.pvHostPHKH), ("pvattest/host.pem.crt", Known.pvattestHostPHKH),
        ("pv/cert/host.crt", "0x24933f75ee107c806fe602a7da7b610e54369af96a847f2dcc4fcfdbd81fbc05"),
    ])
    func hostKeyDocument(document: String, phkh: String) throws {
        let object = try inspectJSON("@" + document)
        #expect(object["type"] as? String == "host-key-document")
        #expect(object["phkh"] as? String == phkh)
        #expect((object["subject"] as? String)?.contains("CN=International Business Machines Corporation") == true)
        #expect((object["issuer"] as? String)?.contains("Key Signing Service") == true)
        #expect(object["not_before"] is String)
        #expect(object["not_after"] is String)
    }

    @Test("the host-key document of pvattest as YAML")
    func hostKeyDocumentYAML() throws {
        let result = try runSEAttest(["inspect", "@pvattest/host.pem.crt", "--format", "yaml"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            type: 'host-key-document'
            subject: 'OU=IBM Z Host Key,L=Armonk,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US'
            issuer: 'OU=IBM Z Host Key Signing Service,L=Poughkeepsie,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US'
            serial: '0x6806e346fc3c8e7f899d4a57f05bf2c134659fdf'
            not_before: 'Jun  1 09:18:07 2021 GMT'
            not_after: 'Mar 17 09:18:07 2295 GMT'
            phkh: '\(Known.pvattestHostPHKH)'

            """)
    }

    @Test("a certificate without a P-521 key is shown, but not as a host key")
    func signingCertificate() throws {
        let object = try inspectJSON("@pv/cert/der.crt")
        #expect(object["type"] as? String == "certificate")
        #expect(object["phkh"] == nil)
        #expect((object["key_error"] as? String)?.contains("not an EC P-521 key") == true)
    }

    @Test("a response: CUID, additional data split into named fields, request flags and key-slot hashes")
    func response() throws {
        let object = try inspectJSON("@derived/e2e/resp_all_flags.bin")
        #expect(object["type"] as? String == "exchange-response")
        #expect(object["cuid"] as? String == "0x000102030405060708090a0b0c0d0e0f")
        #expect((object["measurement"] as? String)?.hasPrefix("0x343b503abe9294b9") == true)
        #expect(object["user_data"] == nil)
        let fields = try #require(object["additional_data_fields"] as? [String: String])
        #expect(fields["image_phkh"] == Known.pvHostPHKH)
        #expect(fields["attestation_phkh"] == Known.pvattestHostPHKH)
        #expect(fields["secret_store_hash"] == "0x" + SecretStoreVectors.expected("nine_requests_locked"))
        #expect(fields["firmware_state"] == "0x" + String(repeating: "2a", count: 320))
        #expect(fields.count == 4)
        let request = try #require(object["request"] as? [String: Any])
        #expect(request["flags"] as? String == "0x7c00000000000000")
        #expect(request["flag_names"] as? [String] == ["nonce", "phkh-img", "phkh-att", "secret-store-hash", "firmware-state"])
        #expect(request["additional_data_size"] as? Int == 448)
        #expect(request["measurement_size"] as? Int == 64)
        #expect(request["key_slot_phkhs"] as? [String] == [Known.pvHostPHKH, Known.pvattestHostPHKH])
        #expect(request["decrypts"] == nil)
    }

    @Test("a response with user data")
    func responseWithUserData() throws {
        let object = try inspectJSON("@derived/e2e/resp_phkh.bin")
        #expect(object["user_data"] as? String == "0x" + Hex.encode(Array(0x30...0x54)))
        #expect(object["additional_data_fields"] as? [String: String] == ["image_phkh": Known.pvHostPHKH, "attestation_phkh": Known.pvHostPHKH])
    }

    @Test("a request: expected sizes and the request's fields")
    func request() throws {
        let object = try inspectJSON("@derived/e2e/req_phkh.bin")
        #expect(object["type"] as? String == "exchange-request")
        #expect(object["measurement_size"] as? Int == 64)
        #expect(object["additional_data_size"] as? Int == 64)
        let request = try #require(object["request"] as? [String: Any])
        #expect(request["flag_names"] as? [String] == ["nonce", "phkh-img", "phkh-att"])
        #expect(request["key_slot_phkhs"] as? [String] == [Known.pvHostPHKH])
    }

    @Test("a bare ARCB")
    func bareRequest() throws {
        let result = try runSEAttest(["inspect", "@pv/exp/arcb.bin", "--format", "yaml"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            type: 'attestation-request'
            version: '0x100'
            size: 400
            flags: '0x7000000000000000'
            flag_names:
            - 'nonce'
            - 'phkh-img'
            - 'phkh-att'
            algorithm: 'HMAC-SHA512'
            measurement_size: 64
            additional_data_size: 64
            iv: '0x555555555555555555555555'
            encrypted_size: 80
            key_slot_count: 1
            key_slot_phkhs:
            - '\(Known.pvHostPHKH)'
            tag: '0x\(Hex.encode(Array(Fixture.bytes("pv/exp/arcb.bin").suffix(16))))'

            """)
    }

    @Test("an add-secret request: its tag (the last 16 bytes)", arguments: SecretStoreVectors.requests)
    func addSecretRequest(file: String) throws {
        let object = try inspectJSON("@" + file)
        #expect(object["type"] as? String == "add-secret-request")
        #expect(object["tag"] as? String == "0x" + Hex.encode(Array(Fixture.bytes(file).suffix(16))))
        #expect(object["version"] as? String == "0x100")
    }

    @Test("pvattest's exchange files (placeholder ARCB) are shown with the reason the request is not one", arguments: [
        "full_req.bin", "add_req.bin", "min_req.bin", "user_req.bin", "full_resp.bin", "full.bin", "add_resp.bin",
        "user_resp.bin", "min_resp.bin",
    ])
    func pvattestExchangeFiles(file: String) throws {
        let object = try inspectJSON("@pvattest/exchange/" + file)
        #expect((object["type"] as? String)?.hasPrefix("exchange-") == true)
        #expect((object["request_error"] as? String)?.contains("does not contain an attestation request") == true)
        if object["type"] as? String == "exchange-response" {
            #expect(object["cuid"] as? String == "0x" + String(repeating: "14", count: 16))
        }
    }

    @Test("with -a: the request decrypts, and no secret is shown", arguments: [
        "derived/e2e/resp_phkh.bin", "derived/e2e/req_all_flags.bin", "derived/e2e/arcb_nonce_only.bin", "pv/exp/arcb.bin",
    ])
    func decrypts(file: String) throws {
        let result = try runSEAttest(["inspect", "@" + file, "-a", "@derived/e2e/arpk.bin", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
        let request = (object["request"] as? [String: Any]) ?? object
        #expect(request["decrypts"] as? Bool == true)
        #expect(request["nonce"] as? Bool == true)
        // ARPK rep(17,32), measurement key rep(77,64), nonce rep(ab,16) appear nowhere.
        for secret in ["17171717", "77777777", "abababab"] {
            #expect(!result.stdout.contains(secret))
        }
    }

    @Test("with a wrong ARPK: reported, exit 0")
    func doesNotDecrypt() throws {
        let result = try runSEAttest(["inspect", "@derived/e2e/arcb_nonce_only.bin", "-a", "@derived/e2e/arpk_wrong.bin"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("decrypts: no\ndecrypt_error: decryption failed"))
    }

    @Test("-a on a file without a request is an error")
    func keyWithoutRequest() throws {
        let result = try runSEAttest(["inspect", "@pv/exp/secure_guest.hdr", "-a", "@derived/e2e/arpk.bin"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("reads standard input")
    func standardInput() throws {
        let result = try runSEAttest(["inspect", "-", "--format", "json"], stdin: Fixture.bytes("pv/exp/secure_guest.hdr"))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"tag\": \"\(Known.tag)\""))
    }

    @Test("a damaged SE header is named as such", arguments: [
        Array(Fixture.bytes("pv/exp/secure_guest.hdr").prefix(0x100)), Array(Fixture.bytes("pv/exp/secure_guest.hdr").dropLast()),
    ])
    func damagedHeader(bytes: [UInt8]) throws {
        try Scratch.with { scratch in
            let file = try scratch.write(bytes, to: "hdr.bin")
            expectError(try runSEAttest(["inspect", file]), naming: file, "invalid SE header")
        }
    }

    @Test("unrecognised files and images without a findable header are errors", arguments: [
        "derived/images/se_hdr_unaligned_notfound.bin", "derived/images/se_img_meta_badoff_notfound.bin",
        "pv/keys/public_cust.bin", "known_answers.json",
    ])
    func unrecognised(file: String) throws {
        let result = try runSEAttest(["inspect", "@" + file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: '\(Fixture.path(file))': "))
    }
}
