import Foundation
import Testing
import SECrypto
import SETestSupport

/// CRL download over HTTPS from `openssl s_server -WWW` on loopback, serving the upstream PKI.
@Suite(.serialized) struct HostKeyHTTPSTests {
    /// A self-signed server certificate for 127.0.0.1 and the running server; stopped by `stop()`.
    final class Server {
        let process = Process()
        let port: Int
        let certificate: String

        init() throws {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("se-attest-https-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            certificate = directory + "/TEST-server.crt"
            try Self.run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                          "-subj", "/CN=TEST loopback", "-addext", "subjectAltName=IP:127.0.0.1",
                          "-keyout", directory + "/TEST-server.key", "-out", certificate])
            port = try Self.freePort()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = ["s_server", "-WWW", "-quiet", "-accept", "127.0.0.1:\(port)",
                                 "-cert", certificate, "-key", directory + "/TEST-server.key"]
            process.currentDirectoryURL = Fixture.url("pv/cert")
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if Self.accepts(port) { break }
                usleep(50_000)
            }
        }

        func stop() {
            kill(process.processIdentifier, SIGKILL)   // SIGTERM did not end s_server here; SIGKILL does
            process.waitUntilExit()
        }

        private static func run(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0)
        }

        private static func freePort() throws -> Int {
            let server = try LoopbackHTTPServer([:])
            defer { server.stop() }
            return Int(server.port)
        }

        private static func accepts(_ port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }
    }

    @Test func downloadsOverHTTPS() throws {
        let server = try Server()
        defer { server.stop() }
        let fetcher = HTTPCRLFetcher(tlsTrustFile: server.certificate)
        #expect(try fetcher.fetch("https://127.0.0.1:\(server.port)/ibm.crl") == Fixture.bytes("pv/cert/ibm.crl"))
        // The server is checked: without its certificate among the trusted ones, nothing is fetched.
        #expect(throws: CryptoError.self) { try HTTPCRLFetcher().fetch("https://127.0.0.1:\(server.port)/ibm.crl") }
    }

    @Test func tlsThatCannotBeSetUpFailsBeforeConnecting() {
        // Looks like an IPv4 address but is none: the certificate check for it cannot be set up.
        #expect {
            try HTTPCRLFetcher().fetch("https://999.1.1.1/ibm.crl")
        } throws: { error in
            (error as? CryptoError)?.message == "cannot set up TLS for 999.1.1.1"
        }
    }

    @Test func tlsHandshakeWithAServerThatHangsTimesOut() throws {
        let server = try LoopbackHTTPServer(["": .hang])
        defer { server.stop() }
        let start = Date()
        #expect(throws: CryptoError.self) {
            try HTTPCRLFetcher(timeoutSeconds: 1).fetch("https://127.0.0.1:\(server.port)/ibm.crl")
        }
        #expect(Date().timeIntervalSince(start) < 4)
    }
}
