import Foundation
import SETestSupport
import Testing

/// check on a response made here, not a stored vector: create for two host keys with every
/// additional-data flag, perform --simulate with the second key, then judge it.
@Suite("check: fresh responses")
struct CheckEndToEndTests {
    let header = Fixture.simulatorHeader
    let first = Fixture.path("pv/cert/host.crt")
    let second = Fixture.path("pv/cert/host2.crt")

    /// Runs `body` in a folder holding `req.bin`, `arpk.bin`, `user.bin` and the response `resp.bin`.
    private func withFreshResponse(_ body: (Scratch) throws -> Void) throws {
        try Scratch.with { scratch in
            let created = try runSEAttest(["create", "-k", first, "-k", second, "--no-verify", "-o", scratch.path("req.bin"),
                                           "-a", scratch.path("arpk.bin"), "--add-data", "phkh-img,phkh-att,secret-store-hash,firmware-state"])
            #expect(created.status == 0, "\(created.stderr)")
            try scratch.write(Array("nonce-from-the-verifier".utf8), to: "user.bin")
            let performed = try runSEAttest(["perform", "--simulate", "--host-key-private", Fixture.path("pv/cert/host2.key"),
                                             "--hdr", header, scratch.path("req.bin"), scratch.path("resp.bin"), "-u", scratch.path("user.bin")])
            #expect(performed.status == 0, "\(performed.stderr)")
            try body(scratch)
        }
    }

    private func check(_ scratch: Scratch, _ arguments: [String]) throws -> (SEAttestBinary.Result, String?) {
        let result = try runSEAttest(["check", scratch.path("resp.bin"), scratch.path("result"), "--format", "json"] + arguments)
        return (result, scratch.text("result"))
    }

    @Test("verified, the right documents, the user data and the empty unlocked store pass")
    func passes() throws {
        try withFreshResponse { scratch in
            let (result, json) = try check(scratch, ["--hdr", header, "-a", scratch.path("arpk.bin"), "-k", first, "-k", second,
                                            "--host-key-check", "att-key-hash,boot-key-hash", "-u", scratch.path("user.bin"),
                                            "--secret-store-locked", "false"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data((json ?? "").utf8)) as? [String: Any])
            #expect(object["successful"] as? Bool == true)
            #expect(object["measurement_verified"] as? Bool == true)
            #expect((object["image_host_key"] as? [String: Any])?["hash"] as? String == second)
            #expect((object["attest_host_key"] as? [String: Any])?["hash"] as? String == second)
            #expect(object["user_data"] as? String == "0x" + Array("nonce-from-the-verifier".utf8).map { String($0, radix: 16) }.joined())
            #expect((object["secret_store"] as? [String: Any])?["locked"] as? Bool == false)
        }
    }

    @Test("the wrong document (for both hashes), other user data and a locked store are four issues")
    func fails() throws {
        try withFreshResponse { scratch in
            let (result, json) = try check(scratch, ["-k", first, "-u", scratch.path("req.bin"), "--secret-store-locked", "true"])
            #expect(result.status == 2)
            let object = try #require(try JSONSerialization.jsonObject(with: Data((json ?? "").utf8)) as? [String: Any])
            #expect((object["issues"] as? [String])?.count == 4)
            #expect(object["measurement_verified"] as? Bool == false)
            #expect(object["image_host_key"] == nil && object["attest_host_key"] == nil)
        }
    }

    @Test("a tampered response is caught before any policy")
    func tampered() throws {
        try withFreshResponse { scratch in
            var bytes = try #require(scratch.bytes("resp.bin"))
            bytes[bytes.count - 20] ^= 0x80
            try scratch.write(bytes, to: "resp.bin")
            let (result, json) = try check(scratch, ["--hdr", header, "-a", scratch.path("arpk.bin"), "-k", second])
            #expect(result.status == 2)
            #expect(json?.contains("did not verify") == true)
            #expect(json?.contains("\"measurement_verified\": false") == true)
            #expect(json?.contains("image_host_key") == false)
        }
    }
}
