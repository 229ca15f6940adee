import Foundation
import SETestSupport
import Testing

/// se-attest does not link libssl: it loads it for its first HTTPS connection, so that commands
/// that never download do not pay for it (docs/architecture.md §4).
@Suite("libssl loaded on demand")
struct TLSLoadingTests {
    @Test("the binary does not link libssl", .enabled(if: executableOnPath("readelf") != nil, "readelf is not installed"))
    func notLinked() throws {
        let readelf = try #require(executableOnPath("readelf"))
        let dynamic = try runTool(readelf, ["-d", SEAttestBinary.url.path])
        #expect(dynamic.status == 0)
        #expect(dynamic.output.contains("[libcrypto.so.3]"), "\(dynamic.output)")
        #expect(!dynamic.output.contains("libssl"), "\(dynamic.output)")
    }

    @Test("a CRL over HTTPS is fetched with the loaded libssl: the handshake runs and checks the server")
    func httpsDownloadLoadsLibssl() throws {
        let tls = try LoopbackTLS()
        let server = try LoopbackHTTPServer([:], tls: tls)
        defer { server.stop() }
        let pki = try TestPKI(baseURLs: [server.origin + "/crl"])
        defer { try? FileManager.default.removeItem(atPath: pki.directory) }
        server.set("crl", .serve(directory: pki.directory))
        try Scratch.with { scratch in
            let result = try SEAttestBinary.run(["create", "-v", "-k", pki.path("TEST-hkd-valid.crt"),
                                                 "-C", pki.path("TEST-ibm-signing.crt"), "-C", pki.path("TEST-inter-ca.crt"),
                                                 "--root-ca", pki.path("TEST-root-ca.crt"),
                                                 "-o", scratch.path("request.bin"), "-a", scratch.path("arpk.bin")])
            // The loopback server's certificate is in no trust store: the TLS check refuses it.
            #expect(result.stderr.contains("TLS with 127.0.0.1 failed: "), "\(result.stderr)")
            #expect(!result.stderr.contains("cannot load libssl"), "\(result.stderr)")
        }
    }
}
