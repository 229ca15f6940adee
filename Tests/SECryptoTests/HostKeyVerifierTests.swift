import Testing
import SECrypto
import SETestSupport

/// The expected outcomes of upstream's certificate tests on the fake IBM PKI (vectors/README.md,
/// pv/cert), offline or with "downloads" read from the fixture folder.
@Suite struct HostKeyVerifierTests {
    private func chainError(_ body: () throws -> Void) -> (Int32, Int)? {
        guard case .chainNotVerified(let code, let level)? = reason(body)?.reason else { return nil }
        return (code, level)
    }

    @Test func chainVerifiesOfflineWithTheIntermediateCRL() throws {
        _ = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], crls: [pki("inter_ca.crl")],
                                rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
    }

    @Test func chainVerifiesOnlineWithDownloadedCRLs() throws {
        _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm.crt")], crls: [pki("inter_ca.crl")],
                                rootCA: pki("root_ca.chained.crt"), offline: false, fetcher: FixtureFetcher())
        _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm.crt")],
                                rootCA: pki("root_ca.crt"), offline: false, fetcher: FixtureFetcher())
    }

    @Test func missingIntermediateCRLIsError3AtTheSigningKey() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm.crt")],
                                    rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 3, level: 0))
        #expect(error?.path == "ibm.crt")
        #expect(error?.message == "IBM Z signing key 'ibm.crt' could not be verified (chain level 0): no CRL of its issuer was given")
    }

    @Test func missingIntermediateCRLOnlineWithFailingDownloadsIsError3() throws {
        // Upstream's "online" case: the bare file names cannot be downloaded.
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm.crt")],
                                    rootCA: pki("root_ca.chained.crt"), offline: false, fetcher: NoNetwork())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 3, level: 0))
        #expect(error?.underlying.contains("CRL download from inter_ca.crl failed: unexpected download of inter_ca.crl") == true)
    }

    @Test func missingRootCRLIsError3AtTheIntermediate() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm.crt")], crls: [pki("inter_ca.crl")],
                                    rootCA: pki("root_ca.crt"), offline: true, fetcher: NoNetwork())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 3, level: 1))
        #expect(error?.path == "inter_ca.crt")
        #expect(error?.message == "IBM Z signing key 'ibm.crt' could not be verified: intermediate CA 'inter_ca.crt' (chain level 1): no CRL of its issuer was given")
    }

    @Test func missingIntermediateIsError20() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("ibm.crt")], rootCA: pki("root_ca.chained.crt"),
                                    offline: false, fetcher: FixtureFetcher())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 20, level: 0))
        #expect(error?.message == "IBM Z signing key 'ibm.crt' could not be verified (chain level 0): its issuer is neither among the given certificates nor a trusted root CA")
    }

    @Test func systemTrustStoreIsError20() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm.crt")], crls: [pki("inter_ca.crl")],
                                    offline: true, fetcher: NoNetwork())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 20, level: 1))
        #expect(error?.message.hasSuffix("nor a trusted root CA (the system trust store was used)") == true)
    }

    @Test func foreignIntermediateIsError20Or30() throws {
        let failure = chainError {
            _ = try HostKeyVerifier(certificates: [pki("fake_inter_ca.crt"), pki("ibm.crt")], crls: [pki("fake_inter_ca.crl")],
                                    rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        }
        #expect(failure?.0 == 20 || failure?.0 == 30)
    }

    @Test func revokedSigningKeyIsError23() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm_rev.crt")], crls: [pki("inter_ca.crl")],
                                    rootCA: pki("root_ca.chained.crt"), offline: false, fetcher: FixtureFetcher())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 23, level: 0))
        #expect(error?.message == "IBM Z signing key 'ibm_rev.crt' could not be verified (chain level 0): revoked by its issuer's CRL")
    }

    @Test func expiredSigningKeyIsRefused() throws {
        let failure = chainError {
            _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm_expired.crt")], crls: [pki("inter_ca.crl")],
                                    rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        }
        #expect(failure?.0 == 10 && failure?.1 == 0)
    }

    @Test func twoSigningKeysAreRefused() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("ibm_rev.crt")], offline: true, fetcher: NoNetwork())
        }
        #expect(error?.reason == .severalSigningKeys)
        #expect(error?.message == "specify only one IBM Z signing key (2 given, in 'ibm.crt', 'ibm_rev.crt')")
        #expect(reason { _ = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("ibm.crt")], offline: true, fetcher: NoNetwork()) }?.message
                == "specify only one IBM Z signing key (2 given, in 'ibm.crt')")
    }

    @Test func noSigningKeyAmongCertificatesAndCRLsIsRefused() throws {
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("inter_ca.crt"), pki("ibm_outdated_early.crl"), pki("ibm_outdated_late.crl")],
                                    crls: [pki("inter_ca.crl")], rootCA: pki("root_ca.chained.crt"),
                                    offline: false, fetcher: FixtureFetcher())
        }
        #expect(error?.reason == .noSigningKey)
        #expect(error?.message.hasPrefix("specify one IBM Z signing key: none of the given certificates") == true)
        #expect(reason {
            _ = try HostKeyVerifier(certificates: [pki("ibm_wrong_subject.crt"), pki("inter_ca.crt")], offline: true, fetcher: NoNetwork())
        }?.reason == .noSigningKey)
    }

    @Test func signingKeyListsTheIntermediateCRLAsItsDistributionPoint() throws {
        let certificate = try #require(Certificate.loadAll(from: Fixture.bytes("pv/cert/ibm.crt")).first)
        #expect(certificate.crlDistributionPoints == ["inter_ca.crl"])
    }

    @Test func chainNamesPrintAsOneRFC2253Line() throws {
        let signing = try hostKeyDocument("ibm.crt")
        let intermediate = try hostKeyDocument("inter_ca.crt")
        #expect(signing.subject == "OU=IBM Z Host Key Signing Service,L=Poughkeepsie,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US")
        #expect(signing.issuer == "OU=IBM Z Intermediate CA,L=Armonk,ST=New York,CN=International Business Machines Corporation,O=International Business Machines Corporation,C=US")
        #expect(intermediate.subject == signing.issuer)
        #expect(try hostKeyDocument("host.crt").issuer == signing.subject)
    }

    @Test func unreadableFilesNameThemselves() throws {
        let garbage = HostKeyVerifier.File(path: "junk.bin", bytes: Array("no PKI here".utf8))
        #expect(reason { _ = try HostKeyVerifier(certificates: [pki("ibm.crt")], crls: [garbage], offline: true, fetcher: NoNetwork()) }?.reason == .unreadableCRL)
        #expect(reason { _ = try HostKeyVerifier(certificates: [garbage], offline: true, fetcher: NoNetwork()) }?.path == "junk.bin")
        #expect(reason { _ = try HostKeyVerifier(certificates: [pki("ibm.crt")], rootCA: garbage, offline: true, fetcher: NoNetwork()) }?.reason == .unreadableRootCA)
    }

    // MARK: host-key documents

    /// Upstream's four verifiers: signing key ibm.crt or ibm_armonk.crt; offline with CRL files or
    /// online with fixture "downloads".
    private func verifiers() throws -> [HostKeyVerifier] {
        try [("ibm.crt", "ibm.crl"), ("ibm_armonk.crt", "ibm_armonk.crl")].flatMap { signing, crl in
            [try HostKeyVerifier(certificates: [pki(signing), pki("inter_ca.crt")], crls: [pki(crl), pki("inter_ca.crl")],
                                 rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork()),
             try HostKeyVerifier(certificates: [pki(signing), pki("inter_ca.crt")],
                                 rootCA: pki("root_ca.chained.crt"), offline: false, fetcher: FixtureFetcher())]
        }
    }

    @Test func validDocumentsVerify() throws {
        for verifier in try verifiers() {
            try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
            try verifier.verify(try hostKeyDocument("host_armonk.crt"), path: "host_armonk.crt")
            try verifier.verify(try hostKeyDocument("host2.crt"), path: "host2.crt")
        }
    }

    @Test func revokedDocumentIsRefused() throws {
        for verifier in try verifiers() {
            let error = reason { try verifier.verify(try hostKeyDocument("host_rev.crt"), path: "host_rev.crt") }
            #expect(error?.reason == .revoked)
            #expect(error?.message == "host-key document 'host_rev.crt': revoked by the IBM Z signing key's CRL")
        }
    }

    @Test func expiredDocumentIsRefused() throws {
        for verifier in try verifiers() {
            let error = reason { try verifier.verify(try hostKeyDocument("host_crt_expired.crt"), path: "old.crt") }
            #expect(error?.reason == .expired)
            #expect(error?.message.hasPrefix("host-key document 'old.crt': expired on ") == true && error?.message.hasSuffix("2023 GMT") == true)
        }
    }

    @Test func documentFromAnotherSignerIsRefused() throws {
        let verifier = try verifiers()[0]
        let foreign = reason { try verifier.verify(try hostKeyDocument("host_invalid_signing_key.crt"), path: "x.crt") }
        #expect(foreign?.reason == .authorityKeyIdentifierMismatch)
        let fake = reason { try verifier.verify(try hostKeyDocument("fake_host.crt"), path: "fake.crt") }
        #expect(fake?.reason == .authorityKeyIdentifierMismatch || fake?.reason == .badSignature)
    }

    @Test func derSigningKeyAndCRLVerify() throws {
        let verifier = try HostKeyVerifier(certificates: [pki("der.crt"), pki("inter_ca.crt")], crls: [pki("der.crl"), pki("inter_ca.crl")],
                                           rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
    }

    @Test func certificatesAndCRLsGivenTwiceAreAccepted() throws {
        // The certificate store takes a duplicate as success; only a real failure is an error.
        let roots = HostKeyVerifier.File(path: "roots.crt", bytes: Fixture.bytes("pv/cert/root_ca.chained.crt") + Fixture.bytes("pv/cert/root_ca.crt"))
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.chained.crt"), pki("inter_ca.crt"), pki("inter_ca.chained.crt")],
                                           crls: [pki("ibm.crl"), pki("inter_ca.crl"), pki("inter_ca.crl"), pki("root_ca.crl")],
                                           rootCA: roots, offline: true, fetcher: NoNetwork())
        try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
        #expect(reason { try verifier.verify(try hostKeyDocument("host_rev.crt"), path: "host_rev.crt") }?.reason == .revoked)
    }

    @Test func crlInsideTheCertificateFileIsUsed() throws {
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.chained.crt"), pki("inter_ca.chained.crt")],
                                           rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt")
    }

    @Test(arguments: ["ibm_outdated_early.crl", "ibm_outdated_late.crl", "ibm_invalid_hash.crl", "fake_ibm.crl"])
    func unusableSigningKeyCRLMeansNoValidCRL(crl: String) throws {
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], crls: [pki(crl), pki("inter_ca.crl")],
                                           rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        let error = reason { try verifier.verify(try hostKeyDocument("host.crt"), path: "host.crt") }
        #expect(error?.reason == .noValidCRL)
        #expect(error?.message == "host-key document 'host.crt': no valid CRL of the IBM Z signing key 'ibm.crt'")
    }

    @Test func crlUnderTheIntermediateNameSignedByAnotherKeyBreaksTheChain() throws {
        // ibm_wrong_issuer.crl names the intermediate but is signed by the signing key. OpenSSL
        // (`openssl verify` too, whatever the order) picks it and fails: error 8, as for pvattest.
        let error = reason {
            _ = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")],
                                    crls: [pki("inter_ca.crl"), pki("ibm_wrong_issuer.crl")],
                                    rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork())
        }
        #expect(error?.reason == .chainNotVerified(openSSLError: 8, level: 0))
        #expect(error?.message == "IBM Z signing key 'ibm.crt' could not be verified (chain level 0): its issuer's CRL has a bad signature")
    }

    @Test func undownloadableDocumentCRLMeansNoValidCRL() throws {
        let verifier = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")],
                                           rootCA: pki("root_ca.chained.crt"), offline: false, fetcher: FixtureFetcher())
        let error = reason { try verifier.verify(try hostKeyDocument("host_uri_na.crt"), path: "na.crt") }
        #expect(error?.reason == .noValidCRL)
        #expect(error?.underlying == ["CRL download from notavailable failed: no fixture notavailable"])
    }

    @Test func verificationTimeIsInjectable() throws {
        // 2390: after every certificate and CRL of the fake PKI (valid until 2388).
        let failure = chainError {
            _ = try HostKeyVerifier(certificates: [pki("ibm.crt"), pki("inter_ca.crt")], crls: [pki("inter_ca.crl")],
                                    rootCA: pki("root_ca.chained.crt"), offline: true, fetcher: NoNetwork(), time: 13_300_000_000)
        }
        #expect(failure?.0 == 12 || failure?.0 == 10)
    }
}
