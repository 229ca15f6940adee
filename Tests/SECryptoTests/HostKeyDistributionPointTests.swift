import Testing
import SECrypto
import SETestSupport

/// Which distribution points a verifier contacts online: only those of the `--cert`
/// certificates in the signing key's chain, once that chain verifies without CRLs, and of
/// host-key documents whose signature verified.
@Suite struct HostKeyDistributionPointTests {
    private static let base = "http://crl.test.invalid/first/"
    private static let strayURL = "http://stray.test.invalid/stray.crl"

    private func stray() throws -> HostKeyVerifier.File {
        HostKeyVerifier.File(path: "stray.crt", bytes: try TestCertificates.stray(distributionPoint: Self.strayURL))
    }

    @Test func aStrayCertificateAmongTheCertsIsNeverContacted() throws {
        let stray = try stray()
        #expect(try Certificate.loadAll(from: stray.bytes).first?.crlDistributionPoints == [Self.strayURL])
        let fetcher = RecordingFetcher()
        let verifier = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), stray, TestPKI.file("TEST-inter-ca.crt")],
                                           rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false, fetcher: fetcher)
        // The chain's CRLs, signing key first, before any document is checked.
        #expect(fetcher.requestedURLs == [Self.base + "TEST-inter-ca.crl", Self.base + "TEST-root-ca.crl"])
        try verifier.verify(try TestPKI.document("TEST-hkd-valid.crt"), path: "valid.crt")
        #expect(fetcher.requestedURLs == [Self.base + "TEST-inter-ca.crl", Self.base + "TEST-root-ca.crl",
                                          Self.base + "TEST-ibm-signing.crl"])
    }

    @Test func aChainThatFailsWithoutCRLsContactsNothing() throws {
        // No intermediate: the chain cannot be built, so no CRL could help and none is fetched.
        let fetcher = RecordingFetcher()
        let error = reason {
            _ = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), try stray()],
                                    rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false, fetcher: fetcher)
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 20, level: 0))
        #expect(error?.underlying == ["OpenSSL verify error 20 at depth 0: unable to get local issuer certificate"])
        #expect(fetcher.requestedURLs.isEmpty)
    }

    @Test func aDocumentWhoseSignatureFailsIsNotContacted() throws {
        let fetcher = RecordingFetcher()
        let verifier = try HostKeyVerifier(certificates: [TestPKI.file("TEST-ibm-signing.crt"), TestPKI.file("TEST-inter-ca.crt")],
                                           rootCA: TestPKI.file("TEST-root-ca.crt"), offline: false, fetcher: fetcher)
        let forged = try #require(try Certificate.loadAll(from: TestCertificates.brokenSignature(of: TestPKI.shared.bytes("TEST-hkd-valid.crt"))).first)
        #expect(forged.crlDistributionPoints.first == Self.base + "TEST-ibm-signing.crl")
        #expect(reason { try verifier.verify(forged, path: "forged.crt") }?.reason == .badSignature)
        #expect(!fetcher.requestedURLs.contains(Self.base + "TEST-ibm-signing.crl"))
        try verifier.verify(try TestPKI.document("TEST-hkd-valid.crt"), path: "valid.crt")
        #expect(fetcher.requestedURLs.last == Self.base + "TEST-ibm-signing.crl")
    }
}
