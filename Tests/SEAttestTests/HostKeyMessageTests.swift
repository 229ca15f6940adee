import Testing
@testable import SEAttestCLI
import SECore
import SECrypto
import SEAttestation
import SETestSupport

/// The library's host-key errors in the command line's words: the same sentences as before the
/// library lost its option names, with `--cert`, `--crl` and `--root-ca` where they help.
@Suite struct HostKeyMessageTests {
    /// The CLI's message for creating a request to pv/cert/host.crt with this signing chain.
    private func message(certificates: [String], crls: [String] = [], rootCA: String? = nil, offline: Bool = true,
                         document: String = "host.crt") throws -> String? {
        let hostKey = try HostKeyDocument(name: document, bytes: Fixture.bytes("pv/cert/" + document))
        let chain = HostKeyVerification.SigningChain(certificates: certificates.map(pki), crls: crls.map(pki), rootCA: rootCA.map(pki),
                                                     offline: offline, fetcher: offline ? NoNetwork() : FixtureFetcher())
        do throws(AttestationError) {
            _ = try CreatedRequest(flags: .nonce, hostKeys: [hostKey], verification: .signingChain(chain))
            return nil
        } catch {
            return HostKeyDocumentFile.error(error).message
        }
    }

    @Test func missingChainCRLSaysUseCRL() throws {
        #expect(try message(certificates: ["inter_ca.crt", "ibm.crt"], rootCA: "root_ca.chained.crt")
                == "IBM Z signing key 'ibm.crt' could not be verified (chain level 0): no CRL of its issuer was given (use --crl)")
        #expect(try message(certificates: ["inter_ca.crt", "ibm.crt"], crls: ["inter_ca.crl"], rootCA: "root_ca.crt")
                == "IBM Z signing key 'ibm.crt' could not be verified: intermediate CA 'inter_ca.crt' (chain level 1): no CRL of its issuer was given (use --crl)")
    }

    @Test func unknownIssuerNamesCertAndRootCA() throws {
        #expect(try message(certificates: ["ibm.crt"], rootCA: "root_ca.chained.crt", offline: false)
                == "IBM Z signing key 'ibm.crt' could not be verified (chain level 0): its issuer is neither among the --cert certificates nor a trusted root CA")
        #expect(try message(certificates: ["inter_ca.crt", "ibm.crt"], crls: ["inter_ca.crl"])
                == "IBM Z signing key 'ibm.crt' could not be verified: intermediate CA 'inter_ca.crt' (chain level 1): its issuer is neither among the --cert certificates nor a trusted root CA (the system trust store was used; give the root CA with --root-ca)")
    }

    @Test func noSigningKeyNamesCert() throws {
        #expect(try message(certificates: ["ibm_wrong_subject.crt", "inter_ca.crt"])
                == "specify one IBM Z signing key: none of the --cert certificates has its subject (C=US, ST=New York, L=Poughkeepsie or Armonk, O and CN=International Business Machines Corporation, OU ending in 'Key Signing Service')")
    }

    @Test func noValidDocumentCRLSaysGiveItWithCRL() throws {
        #expect(try message(certificates: ["ibm.crt", "inter_ca.crt"], crls: ["ibm_outdated_late.crl", "inter_ca.crl"], rootCA: "root_ca.chained.crt")
                == "host-key document 'host.crt': no valid CRL of the IBM Z signing key 'ibm.crt' (give it with --crl)")
        #expect(try message(certificates: ["ibm.crt", "inter_ca.crt"], rootCA: "root_ca.chained.crt", offline: false, document: "host_uri_na.crt")
                == "host-key document 'host_uri_na.crt': no valid CRL of the IBM Z signing key 'ibm.crt' (none could be downloaded; give it with --crl)")
    }

    @Test func otherFailuresKeepTheLibraryWords() throws {
        #expect(try message(certificates: ["ibm.crt", "ibm_rev.crt"])
                == "specify only one IBM Z signing key (2 given, in 'ibm.crt', 'ibm_rev.crt')")
        #expect(try message(certificates: ["ibm.crt", "inter_ca.crt"], crls: ["ibm.crl", "inter_ca.crl"], rootCA: "root_ca.chained.crt",
                            document: "host_rev.crt")
                == "host-key document 'host_rev.crt': revoked by the IBM Z signing key's CRL")
    }
}
