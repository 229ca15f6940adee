import Testing
import SECrypto
import SETestSupport

@Suite struct CRLTests {
    @Test func pemFileWithSeveralCRLsGivesAll() throws {
        let bytes = Fixture.bytes("pv/cert/ibm.crl") + Fixture.bytes("pv/cert/inter_ca.crl") + Fixture.bytes("pv/cert/root_ca.crl")
        let crls = try CertificateRevocationList.loadAll(from: bytes)
        #expect(crls.map(\.issuer) == [
            "OU=IBM Z Host Key Signing Service,L=Poughkeepsie,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US",
            "OU=IBM Z Intermediate CA,L=Armonk,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US",
            "OU=IBM Z Root CA,L=Armonk,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US",
        ])
    }

    @Test func derFileGivesOneCRL() throws {
        let crls = try CertificateRevocationList.loadAll(from: Fixture.bytes("pv/cert/der.crl"))
        #expect(crls.count == 1)
        #expect(crls.first?.issuer.hasPrefix("OU=IBM Z Host Key Signing Service,") == true)
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
