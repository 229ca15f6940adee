import Testing
import SECrypto
import SETestSupport

/// Verification against a fresh PKI from scripts/make-test-pki, offline with every CRL given.
@Suite struct HostKeyTestPKITests {
    private func verifier(signing: String = "TEST-ibm-signing.crt", signingCRL: String = "TEST-ibm-signing.crl",
                          time: Int? = nil) throws -> HostKeyVerifier {
        try HostKeyVerifier(certificates: [TestPKI.file(signing), TestPKI.file("TEST-inter-ca.crt")],
                            crls: [TestPKI.file("TEST-root-ca.crl"), TestPKI.file("TEST-inter-ca.crl"), TestPKI.file(signingCRL)],
                            rootCA: TestPKI.file("TEST-root-ca.crt"), offline: true, fetcher: NoNetwork(), time: time)
    }

    private func check(_ document: String, with verifier: HostKeyVerifier) -> HostKeyVerificationError? {
        reason { try verifier.verify(try TestPKI.document(document), path: document) }
    }

    @Test func validDocumentVerifies() throws {
        #expect(check("TEST-hkd-valid.crt", with: try verifier()) == nil)
    }

    @Test func revokedDocumentIsRefused() throws {
        #expect(check("TEST-hkd-revoked.crt", with: try verifier())?.message
                == "host-key document 'TEST-hkd-revoked.crt': revoked by the IBM Z signing key's CRL")
    }

    @Test func expiredDocumentIsRefused() throws {
        #expect(check("TEST-hkd-expired.crt", with: try verifier())?.message
                == "host-key document 'TEST-hkd-expired.crt': expired on Jan  1 00:00:00 2021 GMT")
    }

    @Test func notYetValidDocumentIsRefusedUntilItsTime() throws {
        #expect(check("TEST-hkd-not-yet-valid.crt", with: try verifier())?.message
                == "host-key document 'TEST-hkd-not-yet-valid.crt': not valid before Jan  1 00:00:00 2100 GMT")
        // 2100-06-01: the document is valid then, and so are the PKI's certificates and CRLs.
        #expect(check("TEST-hkd-not-yet-valid.crt", with: try verifier(time: 4_115_404_800)) == nil)
    }

    @Test func p256DocumentIsRefusedPlainly() throws {
        let error = check("TEST-hkd-p256.crt", with: try verifier())
        #expect(error?.reason == .notP521)
        #expect(error?.message == "host-key document 'TEST-hkd-p256.crt': its key is EC P-256, but the Ultravisor needs EC P-521")
    }

    @Test func armonkSigningKeyFindsThePoughkeepsieCRL() throws {
        let armonk = try verifier(signing: "TEST-ibm-signing-armonk.crt")
        #expect(check("TEST-hkd-valid.crt", with: armonk) == nil)
        #expect(check("TEST-hkd-revoked.crt", with: armonk)?.reason == .revoked)
    }

    @Test func crlWithReorderedIssuerIsFound() throws {
        for signing in ["TEST-ibm-signing.crt", "TEST-ibm-signing-armonk.crt"] {
            let reordered = try verifier(signing: signing, signingCRL: "TEST-ibm-signing-reordered.crl")
            #expect(check("TEST-hkd-valid.crt", with: reordered) == nil)
            #expect(check("TEST-hkd-revoked.crt", with: reordered)?.reason == .revoked)
        }
    }

    @Test func revokedSigningKeyIsRefused() throws {
        #expect(reason { _ = try verifier(signing: "TEST-ibm-signing-revoked.crt") }?.reason
                == .chainNotVerified(openSSLError: 23, level: 0))
    }

    @Test func rootCAFromAnotherPKIIsRefused() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                    crls: [TestPKI.file("TEST-inter-ca.crl"), pki("root_ca.crl")],
                                    rootCA: pki("root_ca.crt"), offline: true, fetcher: NoNetwork())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 20, level: 1))
        #expect(error?.message == "IBM Z signing key 'TEST-ibm-signing.crt' could not be verified: intermediate CA 'TEST-inter-ca.crt' (chain level 1): its issuer is neither among the given certificates nor a trusted root CA")
    }

    @Test func documentsListTheirDistributionPointsInOrder() throws {
        #expect(try TestPKI.document("TEST-hkd-valid.crt").crlDistributionPoints == [
            "http://crl.test.invalid/first/TEST-ibm-signing.crl", "http://crl.test.invalid/second/TEST-ibm-signing.crl",
        ])
    }
}
