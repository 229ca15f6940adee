import SETestSupport
import Testing
@testable import SEAttestCLI

/// Commands that check no X.509 signature start OpenSSL without its table of legacy algorithm
/// names (docs/architecture.md §4); those that may check one keep it, or their checks would fail.
@Suite struct OpenSSLStartTests {
    static func vector(_ name: String) -> String { Fixture.path("trustee/\(name)") }

    @Test("the commands that may check a certificate, CRL or TLS peer are create, check, inspect and challenge")
    func certificateCommands() {
        #expect(Command.allCases.filter(\.checksCertificates) == [.create, .check, .inspect, .challenge])
    }

    @Test("-vvv says how OpenSSL started: verify --evidence without the legacy names, a verified challenge with them, and both succeed")
    func traceNamesTheStart() throws {
        let evidence = try SEAttestBinary.run(["verify", "--evidence", Self.vector("evidence.json"), "--seal-key",
                                               Self.vector("rsa/encrypt_key.pem"), "--trustee-compatible", "-vvv"])
        #expect(evidence.status == 0, "\(evidence.stderr)")
        #expect(evidence.stderr.contains("TRACE: OpenSSL initialised without its table of legacy algorithm names"))
        let pki = Fixture.path("pv/cert")
        let challenge = try Scratch.with { scratch in
            try scratch.run(["challenge", "-k", "\(pki)/host.crt", "-C", "\(pki)/ibm.crt", "-C", "\(pki)/inter_ca.crt",
                             "--root-ca", "\(pki)/root_ca.chained.crt", "--crl", "\(pki)/ibm.crl", "--crl", "\(pki)/inter_ca.crl",
                             "--offline", "--hdr", Self.vector("se.hdr"), "--seal-key", Self.vector("rsa/encrypt_key.pem"),
                             "-o", "challenge.json", "-vvv"])
        }
        #expect(challenge.status == 0, "\(challenge.stderr)")
        #expect(challenge.stderr.contains("TRACE: OpenSSL initialised with its table of legacy algorithm names"))
    }
}
