import Foundation
import Testing
import SECore
import SEAttestation
import SETestSupport

/// Each policy alone and composed, on the derived vectors: resp_all_flags carries both host-key
/// hashes (pv/keys/host.pem.crt for the image, pvattest/host.pem.crt for the request), the secret-
/// store hash of the nine add-secret requests, locked, and no user data.
@Suite struct PolicyTests {
    static func subject(_ name: String, verified: Bool = true) throws -> PolicySubject {
        try PolicySubject(response: AttestationResponse(parsing: Fixture.bytes("derived/e2e/\(name).bin")),
                          measurementVerified: verified)
    }

    static func document(_ path: String) throws -> HostKeyDocument {
        try HostKeyDocument(name: path, bytes: Fixture.bytes(path))
    }

    @Test("host keys: the one matching document is found per kind")
    func hostKeysMatch() throws {
        let documents = try [Self.document("pv/keys/host.pem.crt"), Self.document("pvattest/host.pem.crt")]
        let subject = try Self.subject("resp_all_flags")
        let image = HostKeyPolicy(.image, documents: documents, enforced: true).judge(subject)
        let attestation = HostKeyPolicy(.attestation, documents: documents, enforced: false).judge(subject)
        #expect(image.verdict == .satisfied)
        guard case .hostKey(.image, let name, true)? = image.finding else { Issue.record("finding \(String(describing: image.finding))"); return }
        #expect(name == "pv/keys/host.pem.crt")
        guard case .hostKey(.attestation, let other, false)? = attestation.finding else { Issue.record("no finding"); return }
        #expect(other == "pvattest/host.pem.crt")
    }

    @Test("host keys: no match, two matches, no documents, missing hash enforced or not")
    func hostKeysViolated() throws {
        let subject = try Self.subject("resp_all_flags")
        let unrelated = try Self.document("pv/cert/host.crt")
        let image = try Self.document("pv/keys/host.pem.crt")
        let twice = try HostKeyDocument(name: "again", bytes: Fixture.bytes("pv/keys/host.pem.crt"))
        #expect(HostKeyPolicy(.image, documents: [unrelated], enforced: false).judge(subject).verdict
                == .violated("No given host-key document matches the given image public host-key hash (0x415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0)"))
        #expect(HostKeyPolicy(.image, documents: [image, twice], enforced: false).judge(subject).verdict
                == .violated("More than one host-key document matches the given image public host-key hash: 'pv/keys/host.pem.crt', 'again'"))
        #expect(HostKeyPolicy(.image, documents: [], enforced: true).judge(subject).verdict == .notApplicable)
        let nonceOnly = try Self.subject("resp_nonce_only")
        #expect(HostKeyPolicy(.attestation, documents: [image], enforced: false).judge(nonceOnly).verdict == .notApplicable)
        #expect(HostKeyPolicy(.attestation, documents: [image], enforced: true).judge(nonceOnly).verdict
                == .violated("The Attestation result does not contain an attestation public host-key hash, but checking was enabled."))
    }

    @Test("user data: equal bytes hold, anything else (or none) is violated")
    func userData() throws {
        let subject = try Self.subject("resp_all_flags")
        let actual = subject.response.userData
        if let actual {
            #expect(UserDataPolicy(expected: actual).judge(subject).verdict == .satisfied)
            #expect(UserDataPolicy(expected: actual + [0]).judge(subject).isViolated)
        } else {
            #expect(UserDataPolicy(expected: []).judge(subject).isViolated)
        }
    }

    @Test("secret store: the nine requests, locked, give the response's hash; unlocked does not")
    func secretStore() throws {
        let data = Data(Fixture.bytes("known_answers.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entry = try #require((root["vectors"] as? [[String: Any]])?.first { $0["id"] as? String == "secret_store_hash" })
        let paths = try #require((entry["inputs"] as? [String: Any])?["asrcb_files_in_order"] as? [String])
        let requests = try paths.map { ($0, try AddSecretRequest(parsing: Fixture.bytes($0))) }
        let expected = try #require((entry["expected"] as? [String: String])?["nine_requests_locked"])
        let locked = SecretStorePolicy(requests: requests, locked: true)
        #expect(Hex.encode(try locked.expectedHash()) == expected)
        let subject = try Self.subject("resp_all_flags")
        #expect(try locked.judge(subject).verdict == .satisfied)
        #expect(try SecretStorePolicy(requests: requests, locked: false).judge(subject).verdict
                == .violated("The calculated secret-store-hash does not match with the provided hash"))
        #expect(try locked.judge(Self.subject("resp_phkh")).verdict
                == .violated("The Attestation response contains no secret-store-hash, but checking was enabled"))
    }

    @Test("composed: every policy is judged, in order, even after a violation")
    func composed() throws {
        let policies: [any AttestationPolicy] = [
            MeasurementVerifiedPolicy(),
            UserDataPolicy(expected: [1, 2, 3]),
            HostKeyPolicy(.image, documents: [try Self.document("pv/keys/host.pem.crt")], enforced: true),
        ]
        let unverified = try policies.judge(Self.subject("resp_all_flags", verified: false))
        #expect(unverified.map(\.isViolated) == [true, true, false])
        let verified = try policies.judge(Self.subject("resp_all_flags"))
        #expect(verified.map(\.isViolated) == [false, true, false])
    }
}
