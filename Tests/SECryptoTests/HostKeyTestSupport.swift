import Testing
import Foundation
import Synchronization
import SECrypto
import SENetwork
import SETestSupport

/// A host-key document from the upstream fake PKI.
func hostKeyDocument(_ name: String) throws -> Certificate {
    try #require(Certificate.loadAll(from: Fixture.bytes("pv/cert/" + name)).first)
}

/// Serves the shared test PKI's CRLs by file name, whatever the host, and records every URL
/// asked for: for checking which distribution points a verifier contacts.
final class RecordingFetcher: CRLFetching {
    private let log = Mutex<[String]>([])

    var requestedURLs: [String] { log.withLock { $0 } }

    func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        log.withLock { $0.append(url) }
        let name = url.split(separator: "/").last.map(String.init) ?? url
        guard let data = FileManager.default.contents(atPath: TestPKI.shared.path(name)) else {
            throw CryptoError(.openssl, "no test PKI file \(name)")
        }
        return [UInt8](data)
    }
}

/// Sends every distribution point to a loopback server: a bare file name `x.crl` becomes
/// `<origin>/x.crl`, `http://any.host/p/x.crl` becomes `<origin>/p/x.crl`; then real HTTP.
struct LoopbackFetcher: CRLFetching {
    let origin: String
    var timeoutSeconds = 1.0

    func fetch(_ url: String) throws(NetworkError) -> [UInt8] {
        var path = url
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            path = String(rest.drop { $0 != "/" }.dropFirst())
        }
        return try HTTPCRLFetcher(timeoutSeconds: timeoutSeconds, proxies: .none).fetch(origin + "/" + path)
    }
}

/// Documents of the shared scripts/make-test-pki output.
extension TestPKI {
    static func document(_ name: String) throws -> Certificate {
        try #require(Certificate.loadAll(from: shared.bytes(name)).first)
    }
}

/// The verification error `body` throws; nil when it succeeds, an issue for any other error.
func reason(_ body: () throws -> Void) -> HostKeyVerificationError? {
    do {
        try body()
        return nil
    } catch let error as HostKeyVerificationError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// A CRL listing nothing, signed by the make-test-pki CA `issuer` (its .crt and .key): a local
/// CRL made before any revocation. `lastUpdate` is openssl's YYYYMMDDHHMMSSZ; nil means now.
func emptyCRL(issuedBy issuer: String, lastUpdate: String? = nil) throws -> [UInt8] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-crl-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Data().write(to: URL(fileURLWithPath: directory + "/index.txt"))
    try Data("1000\n".utf8).write(to: URL(fileURLWithPath: directory + "/crlnumber"))
    let config = """
        [ ca ]
        default_ca = empty
        [ empty ]
        database = \(directory)/index.txt
        crlnumber = \(directory)/crlnumber
        default_md = sha512
        default_crl_days = 1
        crl_extensions = crl_ext
        [ crl_ext ]
        authorityKeyIdentifier = keyid:always

        """
    try Data(config.utf8).write(to: URL(fileURLWithPath: directory + "/ca.cnf"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = ["ca", "-batch", "-gencrl", "-config", directory + "/ca.cnf",
                         "-cert", TestPKI.shared.path(issuer + ".crt"), "-keyfile", TestPKI.shared.path(issuer + ".key"),
                         "-out", directory + "/empty.crl"]
        + (lastUpdate.map { ["-crl_lastupdate", $0, "-crl_nextupdate", "20991231000000Z"] } ?? [])
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return [UInt8](try #require(FileManager.default.contents(atPath: directory + "/empty.crl")))
}
