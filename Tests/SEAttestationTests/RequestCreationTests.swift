import Testing
import SECore
import SECrypto
import SEAttestation
import SETestSupport

/// Creating requests through the library: host keys counted, distinct and (unless told not to)
/// verified; the request opens with the ARPK it returns.
@Suite struct RequestCreationTests {
    static func document(_ path: String, name: String? = nil) throws -> HostKeyDocument {
        try HostKeyDocument(name: name ?? path, bytes: Fixture.bytes(path))
    }

    /// The kind of the library error `body` throws; nil when it succeeds, an issue for any other error.
    static func error(_ body: () throws -> Void) -> AttestationError.Kind? {
        do {
            try body()
            return nil
        } catch let error as AttestationError {
            return error.kind
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// The test PKI's signing chain, offline, with every CRL given.
    static let testChain = HostKeyVerification.SigningChain(
        certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
        crls: [TestPKI.file("TEST-root-ca.crl"), TestPKI.file("TEST-inter-ca.crl"), TestPKI.file("TEST-ibm-signing.crl")],
        rootCA: TestPKI.file("TEST-root-ca.crt"), offline: true, fetcher: NoNetwork())

    @Test("without verification: one key slot per document in order, and the ARPK opens the request")
    func unverifiedRequestOpens() throws {
        let documents = try [Self.document("pv/keys/host.pem.crt"), Self.document("pvattest/host.pem.crt")]
        let created = try CreatedRequest(flags: [.attestationPHKH, .secretStoreHash], hostKeys: documents, verification: .none)
        #expect(created.flags == [.nonce, .attestationPHKH, .secretStoreHash])
        #expect(created.arpk.count == 32)
        let exchange = try ExchangeRequest(parsing: created.request.bytes)
        #expect(exchange.measurementSize == 64)
        #expect(exchange.additionalDataSize == 32 + 64)   // attestation PHKH, secret-store hash
        let request = try AttestationRequest(parsing: exchange.arcb)
        #expect(request.keySlots.map(\.phkh) == documents.map(\.key.phkh))
        #expect(request.flags == created.flags)
        let secrets = try AttestationRequestOpener(arpk: created.arpk).open(request)
        #expect(secrets.measurementKey.count == 64)
        #expect(secrets.nonce?.count == 16)
    }

    @Test("duplicate host keys are refused naming both documents, before any verification")
    func duplicatesRefused() throws {
        let first = try Self.document("pv/keys/host.pem.crt", name: "a.crt")
        let same = try Self.document("pv/keys/host.pem.crt", name: "b.crt")
        let other = try Self.document("pvattest/host.pem.crt")
        // The chain would fail (no CRL): the duplicate is found first.
        let failing = HostKeyVerification.SigningChain(certificates: [TestPKI.file("TEST-ibm-signing.crt")], offline: true, fetcher: NoNetwork())
        #expect(Self.error { _ = try CreatedRequest(flags: .nonce, hostKeys: [first, other, same], verification: .signingChain(failing)) }
                == .duplicateHostKey(first: "a.crt", second: "b.crt"))
        #expect(Self.error { _ = try CreatedRequest(flags: .nonce, hostKeys: [first, first], verification: .none) }
                == .duplicateHostKey(first: "a.crt", second: "a.crt"))
        do throws(AttestationError) {
            try HostKeyDocument.requireDistinctKeys([other, first, same])
            Issue.record("duplicates accepted")
        } catch {
            #expect(error.message == "host-key document 'b.crt' holds the same host key as 'a.crt'")
        }
        #expect(Self.error { try HostKeyDocument.requireDistinctKeys([first, other]) } == nil)
    }

    @Test("between 1 and 255 host keys")
    func hostKeyCount() throws {
        #expect(Self.error { _ = try CreatedRequest(flags: .nonce, hostKeys: [], verification: .none) } == .hostKeyCount(0))
        #expect(Self.error { try CreatedRequest.requireHostKeyCount(256) } == .hostKeyCount(256))
        #expect(Self.error { try CreatedRequest.requireHostKeyCount(255) } == nil)
    }

    @Test("with the test PKI: a valid document gets a request, a revoked one an error naming it and the rule")
    func verifiedWithTestPKI() throws {
        let valid = try HostKeyDocument(name: "valid.crt", bytes: TestPKI.shared.bytes("TEST-hkd-valid.crt"))
        let created = try CreatedRequest(flags: .nonce, hostKeys: [valid], verification: .signingChain(Self.testChain))
        #expect(try AttestationRequest(parsing: ExchangeRequest(parsing: created.request.bytes).arcb).keySlots.map(\.phkh) == [valid.key.phkh])

        let revoked = try HostKeyDocument(name: "revoked.crt", bytes: TestPKI.shared.bytes("TEST-hkd-revoked.crt"))
        let kind = Self.error { _ = try CreatedRequest(flags: .nonce, hostKeys: [valid, revoked], verification: .signingChain(Self.testChain)) }
        guard case .hostKeyNotVerified(let failure)? = kind else { Issue.record("\(String(describing: kind))"); return }
        #expect(failure.rule == .revocation)
        #expect(failure.path == "revoked.crt")
        #expect(failure.message == "host-key document 'revoked.crt': revoked by the IBM Z signing key's CRL")
    }

    @Test("many documents are verified in parallel; the first failure in document order is reported")
    func firstFailureInOrder() throws {
        // Four or more documents: Parallel.map's threshold, so they are checked concurrently.
        let documents = try ["host.crt", "host2.crt", "host_invalid_signing_key.crt", "host_rev.crt"].map { try Self.document("pv/cert/" + $0) }
        let chain = HostKeyRuleTests.chain()
        let kind = Self.error { _ = try CreatedRequest(flags: .nonce, hostKeys: documents, verification: .signingChain(chain)) }
        guard case .hostKeyNotVerified(let failure)? = kind else { Issue.record("\(String(describing: kind))"); return }
        #expect(failure.path == "pv/cert/host_invalid_signing_key.crt")
        #expect(failure.rule == .authorityKeyIdentifier)
        let valid = try CreatedRequest(flags: .nonce, hostKeys: Array(documents.prefix(2)), verification: .signingChain(chain))
        #expect(try AttestationRequest(parsing: ExchangeRequest(parsing: valid.request.bytes).arcb).keySlots.count == 2)
    }
}
