import Testing
@testable import SECrypto
import SETestSupport

@Suite struct CRLTests {
    private func certificate(_ name: String) throws -> Certificate {
        try #require(Certificate.loadAll(from: Fixture.bytes("pv/cert/" + name)).first)
    }

    @Test func pemFileWithSeveralCRLsGivesAll() throws {
        let bytes = Fixture.bytes("pv/cert/ibm.crl") + Fixture.bytes("pv/cert/inter_ca.crl") + Fixture.bytes("pv/cert/root_ca.crl")
        let crls = try CertificateRevocationList.loadAll(from: bytes)
        let issuers = try ["ibm.crt", "inter_ca.crt", "root_ca.crt"].map(certificate)
        #expect(crls.count == 3)
        for (crl, issuer) in zip(crls, issuers) {
            #expect(crl.hasIssuer(issuer.subjectName) && crl.isSigned(by: issuer), "\(issuer.subject)")
        }
    }

    @Test func derFileGivesOneCRL() throws {
        let crls = try CertificateRevocationList.loadAll(from: Fixture.bytes("pv/cert/der.crl"))
        let issuer = try certificate("der.crt")
        #expect(crls.count == 1)
        #expect(crls.first.map { $0.hasIssuer(issuer.subjectName) && $0.isSigned(by: issuer) } == true)
    }

    @Test func crlsInsideCertificateFilesAreFound() throws {
        #expect(CertificateRevocationList.embedded(in: Fixture.bytes("pv/cert/ibm.chained.crt")).count == 1)
        #expect(CertificateRevocationList.embedded(in: Fixture.bytes("pv/cert/root_ca.chained.crt")).count == 1)
        #expect(try CertificateRevocationList.loadAll(from: Fixture.bytes("pv/cert/inter_ca.chained.crt")).count == 1)
        #expect(CertificateRevocationList.embedded(in: Fixture.bytes("pv/cert/ibm.crt")).isEmpty)
        #expect(CertificateRevocationList.embedded(in: Fixture.bytes("pv/cert/der.crt")).isEmpty)
    }

    @Test func whatIsNoCRLIsAnError() {
        for bytes in [Fixture.bytes("pv/cert/ibm.crt"), Fixture.bytes("pv/cert/der.crt"), [], Array("-----BEGIN X509 CRL-----\nAAAA\n".utf8)] {
            #expect(throws: CryptoError.self) { try CertificateRevocationList.loadAll(from: bytes) }
        }
    }

    @Test func truncatedDERIsAnErrorNotACrash() {
        let der = Fixture.bytes("pv/cert/der.crl")
        for length in [1, 2, 10, der.count / 2, der.count - 1] {
            #expect(throws: CryptoError.self) { try CertificateRevocationList.loadAll(from: Array(der.prefix(length))) }
        }
    }
}
