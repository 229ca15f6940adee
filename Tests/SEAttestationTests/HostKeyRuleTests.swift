import Testing
import SECore
import SECrypto
import SEAttestation
import SETestSupport

/// Which rule fails for each of upstream's certificate cases (vectors/pv/cert), seen through
/// the library front door: a request to the document, created with verification.
@Suite struct HostKeyRuleTests {
    /// The signing chain of upstream's offline verifier, with these changes.
    static func chain(certificates: [String] = ["ibm.crt", "inter_ca.crt"], crls: [String] = ["ibm.crl", "inter_ca.crl"],
                      rootCA: String? = "root_ca.chained.crt", offline: Bool = true) -> HostKeyVerification.SigningChain {
        HostKeyVerification.SigningChain(certificates: certificates.map(pki), crls: crls.map(pki), rootCA: rootCA.map(pki),
                                         offline: offline, fetcher: offline ? NoNetwork() : FixtureFetcher())
    }

    /// The rule that failed when creating a request to `document` (nil: the request was created).
    static func failedRule(_ document: String, _ chain: HostKeyVerification.SigningChain) throws -> HostKeyRule? {
        let hostKey = try HostKeyDocument(name: document, bytes: Fixture.bytes("pv/cert/" + document))
        do {
            _ = try CreatedRequest(flags: .nonce, hostKeys: [hostKey], verification: .signingChain(chain))
            return nil
        } catch {
            guard case .hostKeyNotVerified(let verification) = error.kind else {
                Issue.record("not a verification error: \(error)")
                return nil
            }
            #expect(verification.rule == verification.reason.rule)
            return verification.rule
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let document: String
        let chain: HostKeyVerification.SigningChain
        let rule: HostKeyRule?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "valid document, offline", document: "host.crt", chain: chain(), rule: nil),
        Case(name: "valid document, online", document: "host2.crt", chain: chain(crls: [], rootCA: "root_ca.crt", offline: false), rule: nil),
        Case(name: "Armonk signing key", document: "host_armonk.crt",
             chain: chain(certificates: ["ibm_armonk.crt", "inter_ca.crt"], crls: ["ibm_armonk.crl", "inter_ca.crl"]), rule: nil),
        Case(name: "unreadable CRL", document: "host.crt", chain: chain(crls: ["host.key"]), rule: .readableInputs),
        Case(name: "two signing keys", document: "host.crt", chain: chain(certificates: ["ibm.crt", "ibm_rev.crt"]), rule: .signingKeySubject),
        Case(name: "no signing key", document: "host.crt",
             chain: chain(certificates: ["ibm_wrong_subject.crt", "inter_ca.crt"]), rule: .signingKeySubject),
        Case(name: "missing intermediate CRL", document: "host.crt", chain: chain(crls: ["ibm.crl"]), rule: .signingKeyChain),
        Case(name: "missing intermediate", document: "host.crt", chain: chain(certificates: ["ibm.crt"]), rule: .signingKeyChain),
        Case(name: "revoked signing key", document: "host.crt",
             chain: chain(certificates: ["inter_ca.crt", "ibm_rev.crt"]), rule: .signingKeyChain),
        Case(name: "expired signing key", document: "host.crt",
             chain: chain(certificates: ["inter_ca.crt", "ibm_expired.crt"]), rule: .signingKeyChain),
        Case(name: "intermediate CRL signed by another key", document: "host.crt",
             chain: chain(crls: ["inter_ca.crl", "ibm_wrong_issuer.crl"]), rule: .signingKeyChain),
        Case(name: "expired document", document: "host_crt_expired.crt", chain: chain(), rule: .validity),
        Case(name: "document of another signing key", document: "host_invalid_signing_key.crt", chain: chain(),
             rule: .authorityKeyIdentifier),
        Case(name: "revoked document", document: "host_rev.crt", chain: chain(), rule: .revocation),
        Case(name: "revoked document, online", document: "host_rev.crt",
             chain: chain(crls: [], rootCA: "root_ca.crt", offline: false), rule: .revocation),
        Case(name: "outdated signing-key CRL", document: "host.crt", chain: chain(crls: ["ibm_outdated_late.crl", "inter_ca.crl"]),
             rule: .revocation),
        Case(name: "signing-key CRL with a bad signature", document: "host.crt", chain: chain(crls: ["ibm_invalid_hash.crl", "inter_ca.crl"]),
             rule: .revocation),
        Case(name: "undownloadable document CRL", document: "host_uri_na.crt",
             chain: chain(crls: [], rootCA: "root_ca.crt", offline: false), rule: .revocation),
    ]

    @Test("the rule that fails for each upstream case", arguments: cases)
    func ruleForCase(_ testCase: Case) throws {
        #expect(try Self.failedRule(testCase.document, testCase.chain) == testCase.rule)
    }

    /// Each document rule alone, against upstream's offline signing key.
    @Test("each document rule on its own")
    func documentRulesAlone() throws {
        let chain = Self.chain()
        let verifier = try HostKeyVerifier(certificates: chain.certificates, crls: chain.crls, rootCA: chain.rootCA,
                                           offline: true, fetcher: NoNetwork())
        func failure(_ rule: any HostKeyDocumentRule, _ document: String) throws -> HostKeyRule? {
            let certificate = try #require(Certificate.loadAll(from: Fixture.bytes("pv/cert/" + document)).first)
            do {
                try rule.check(certificate, path: document, signedBy: verifier.signingKey)
                return nil
            } catch {
                return error.rule
            }
        }
        // P-521: 256 bits of security.
        #expect(try failure(SecurityBitsRule(minimumBits: 256), "host.crt") == nil)
        #expect(try failure(SecurityBitsRule(minimumBits: 257), "host.crt") == .securityBits)
        #expect(try failure(ValidityRule(), "host_crt_expired.crt") == .validity)
        #expect(try failure(AuthorityKeyIdentifierRule(), "host_invalid_signing_key.crt") == .authorityKeyIdentifier)
        // The signature rule alone refuses a document that another key signed.
        #expect(try failure(SignatureRule(), "fake_host.crt") == .signature)
        #expect(try failure(SignatureRule(), "host.crt") == nil)
        #expect(try failure(RevocationRule(), "host_rev.crt") == .revocation)
        #expect(try failure(RevocationRule(), "host.crt") == nil)
        // inter_ca.crt has an RSA key.
        #expect(try failure(P521KeyRule(), "host.crt") == nil)
        #expect(try failure(P521KeyRule(), "inter_ca.crt") == .p521Key)
        #expect(verifier.documentRules.map(\.rule)
                == [.securityBits, .validity, .authorityKeyIdentifier, .signature, .revocation, .p521Key])
    }

    @Test("the library's messages name no option; the rule and the file are typed")
    func messagesNameNoOption() throws {
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], crls: [pki("inter_ca.crl")],
                                           rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        let document = try #require(Certificate.loadAll(from: Fixture.bytes("pv/cert/host.crt")).first)
        do {
            try verifier.verify(document, path: "host.crt")
            Issue.record("verified without a CRL of the signing key")
        } catch {
            #expect(error.rule == .revocation)
            #expect(error.reason == .noValidCRL)
            #expect(error.path == "host.crt")
            #expect(error.description == "host-key document 'host.crt': no valid CRL of the IBM Z signing key 'ibm.crt'")
            let wording = HostKeyVerificationError.Wording(certificates: "certificates", documentCRLAdvice: "add the CRL")
            #expect(error.message(wording) == "host-key document 'host.crt': no valid CRL of the IBM Z signing key 'ibm.crt' (add the CRL)")
        }
    }
}
