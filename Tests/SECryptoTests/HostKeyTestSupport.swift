import Testing
import Foundation
import SECrypto
import SETestSupport

/// A `--cert`/`--crl`/`--root-ca` file from the upstream fake IBM PKI (vectors/pv/cert).
func pki(_ name: String) -> HostKeyVerifier.File {
    HostKeyVerifier.File(path: name, bytes: Fixture.bytes("pv/cert/" + name))
}

/// A host-key document from the upstream fake PKI.
func hostKeyDocument(_ name: String) throws -> Certificate {
    try #require(Certificate.loadAll(from: Fixture.bytes("pv/cert/" + name)).first)
}

/// "Downloads" a CRL by reading the fixture named by the distribution point, as upstream's tests do.
struct FixtureFetcher: CRLFetching {
    func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: Fixture.path("pv/cert/" + url)) else {
            throw CryptoError(.openssl, "no fixture \(url)")
        }
        return [UInt8](data)
    }
}

/// Refuses every download: for checking that a verifier made none.
struct NoNetwork: CRLFetching {
    func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        throw CryptoError(.openssl, "unexpected download of \(url)")
    }
}

/// Sends every distribution point to a loopback server: a bare file name `x.crl` becomes
/// `<origin>/x.crl`, `http://any.host/p/x.crl` becomes `<origin>/p/x.crl`; then real HTTP.
struct LoopbackFetcher: CRLFetching {
    let origin: String
    var timeoutSeconds = 1

    func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        var path = url
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            path = String(rest.drop { $0 != "/" }.dropFirst())
        }
        return try HTTPCRLFetcher(timeoutSeconds: timeoutSeconds).fetch(origin + "/" + path)
    }
}

/// The output of scripts/make-test-pki, made once per test run. Its distribution points are
/// `http://crl.test.invalid/first/<name>` then `http://crl.test.invalid/second/<name>`, so each
/// test's loopback server decides what the first and second URL do.
enum TestPKI {
    static let directory: String = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("se-attest-test-pki-\(ProcessInfo.processInfo.processIdentifier)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repository.appendingPathComponent("scripts/make-test-pki").path,
                             "--base-url", "http://crl.test.invalid/first",
                             "--base-url", "http://crl.test.invalid/second", output]
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { fatalError("cannot run scripts/make-test-pki: \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("scripts/make-test-pki failed") }
        return output
    }()

    static func file(_ name: String) -> HostKeyVerifier.File {
        let path = directory + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { fatalError("make-test-pki made no \(name)") }
        return HostKeyVerifier.File(path: name, bytes: [UInt8](data))
    }

    static func document(_ name: String) throws -> Certificate {
        try #require(Certificate.loadAll(from: file(name).bytes).first)
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
