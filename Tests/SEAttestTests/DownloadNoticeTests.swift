import Foundation
import SETestSupport
import Testing

/// What create shows on stderr while CRLs download: a notice for one still running after a
/// second (not with -q), each URL's outcome with -v, the HTTP exchange with -vvv.
@Suite("download notices", .serialized)
struct DownloadNoticeTests {
    /// Runs create against a PKI whose first distribution point answers 404 after 1.3 s (of the
    /// 3 s per URL) and whose second serves the CRLs; returns stderr.
    private func create(_ flags: [String]) throws -> String {
        let late404 = Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".utf8)
        let live = try LoopbackHTTPServer(["slow": .stream(head: "", chunk: late404, count: 1, intervalMilliseconds: 1300)])
        defer { live.stop() }
        let online = try TestPKI(baseURLs: [live.origin + "/slow", live.origin + "/crl"])
        defer { try? FileManager.default.removeItem(atPath: online.directory) }
        live.set("crl", .serve(directory: online.directory))
        return try Scratch.with { scratch in
            let result = try SEAttestBinary.run(["create", "-k", online.path("TEST-hkd-valid.crt"),
                                                 "-C", online.path("TEST-ibm-signing.crt"), "-C", online.path("TEST-inter-ca.crt"),
                                                 "--root-ca", online.path("TEST-root-ca.crt"),
                                                 "-o", scratch.path("request.bin"), "-a", scratch.path("arpk.bin")] + flags)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stderr.replacingOccurrences(of: live.origin, with: "ORIGIN")
        }
    }

    @Test("a download still running after 1 s prints one line naming the URL; -q hides it")
    func notice() throws {
        #expect(try create([]) == """
            still downloading ORIGIN/slow/TEST-inter-ca.crl ...
            still downloading ORIGIN/slow/TEST-root-ca.crl ...
            still downloading ORIGIN/slow/TEST-ibm-signing.crl ...
            Successfully generated the request

            """)
        #expect(try create(["-q"]).isEmpty)
    }

    @Test("-v shows each URL with its status, size and time; -vvv the HTTP exchange too")
    func verbose() throws {
        let verbose = try create(["-vvv"])   // one run for both: trace includes information
        #expect(verbose.contains("download of ORIGIN/slow/TEST-ibm-signing.crl failed after 1."), "\(verbose)")
        #expect(verbose.contains(" s: the server responded with HTTP status 404\n"), "\(verbose)")
        let downloaded = verbose.split(separator: "\n").first { $0.hasPrefix("downloaded ORIGIN/crl/TEST-ibm-signing.crl: HTTP 200, ") }
        #expect(downloaded?.hasSuffix(" s") == true && downloaded?.contains(" bytes in ") == true, "\(verbose)")
        #expect(verbose.contains("  > GET /crl/TEST-ibm-signing.crl HTTP/1.1\n"), "\(verbose)")
        #expect(verbose.contains("  < HTTP/1.0 200 OK\n"), "\(verbose)")
    }
}
