import Testing
import SECore
@testable import SECrypto
import SETestSupport

@Suite struct CertificateTests {
    @Test func loadsPEM() throws {
        let certificates = try Certificate.loadAll(from: Fixture.bytes("pv/cert/host.crt"))
        #expect(certificates.count == 1)
        let host = try #require(certificates.first)
        #expect(host.subject == "OU=IBM Z Host Key,L=Armonk,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US")
        #expect(host.issuer == "OU=IBM Z Host Key Signing Service,L=Poughkeepsie,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US")
        #expect(host.notBefore == "Mar 21 14:52:39 2024 GMT")
        #expect(host.notAfter == "Dec 23 14:52:39 2388 GMT")
        #expect(host.serialHex == "0522e1b864efc4f6e0806ef42122f647a0c31997")
    }

    @Test func loadsDER() throws {
        let certificates = try Certificate.loadAll(from: Fixture.bytes("pv/cert/der.crt"))
        #expect(certificates.count == 1)
        let der = try #require(certificates.first)
        let pem = try #require(try Certificate.loadAll(from: Fixture.bytes("pv/cert/ibm.crt")).first)
        #expect(der.subject == pem.subject)
        #expect(der.serialHex == pem.serialHex)
        #expect(der.serialHex == "3304c760cde97818f05518ba8880abe85567d1c3")
    }

    @Test func loadsEveryCertificateOfAPEMFile() throws {
        let both = Fixture.bytes("pv/cert/host.crt") + Fixture.bytes("pv/cert/host2.crt")
        let certificates = try Certificate.loadAll(from: both)
        #expect(certificates.count == 2)
        #expect(certificates.map(\.serialHex) == [
            try #require(try Certificate.loadAll(from: Fixture.bytes("pv/cert/host.crt")).first).serialHex,
            try #require(try Certificate.loadAll(from: Fixture.bytes("pv/cert/host2.crt")).first).serialHex,
        ])
    }

    @Test func skipsCRLsInChainedFiles() throws {
        // ibm.chained.crt is a CRL followed by the signing certificate.
        let certificates = try Certificate.loadAll(from: Fixture.bytes("pv/cert/ibm.chained.crt"))
        #expect(certificates.count == 1)
        #expect(certificates.first?.subject.hasPrefix("OU=IBM Z Host Key Signing Service,L=Poughkeepsie") == true)
    }

    @Test func rejectsAPEMFileWithoutCertificate() throws {
        let error = #expect(throws: CryptoError.self) { try Certificate.loadAll(from: Fixture.bytes("pv/cert/ibm.crl")) }
        #expect(error?.message == "contains no certificate")
    }

    @Test func rejectsGarbage() throws {
        for bytes in [Array("hello, not a certificate\n".utf8), [], Fixture.rep(0x30, 64)] {
            let error = #expect(throws: CryptoError.self) { try Certificate.loadAll(from: bytes) }
            #expect(error?.message == "is neither a PEM nor a DER certificate")
        }
    }

    @Test func rejectsDamagedPEM() throws {
        var bytes = Fixture.bytes("pv/cert/host.crt")
        bytes[100] = UInt8(ascii: "!")
        let error = #expect(throws: CryptoError.self) { try Certificate.loadAll(from: bytes) }
        #expect(error?.code == .decodingFailed)
    }

    @Test func rejectsNonP521PublicKey() throws {
        let rsa = try #require(try Certificate.loadAll(from: Fixture.bytes("pv/cert/der.crt")).first)
        let error = #expect(throws: CryptoError.self) { try rsa.publicKey() }
        #expect(error?.code == .invalidKey)
        #expect(error?.message == "is not an EC P-521 key (found RSA 4096-bit)")
    }
}
