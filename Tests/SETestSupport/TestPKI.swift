import Foundation

/// A fresh IBM-like PKI from scripts/make-test-pki, made in a temporary folder.
public struct TestPKI: Sendable {
    public let directory: String

    /// Runs the script with these `--base-url`s (the CRL distribution points, tried in order).
    public init(baseURLs: [String]) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-test-pki-\(UUID().uuidString)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repository.appendingPathComponent("scripts/make-test-pki").path]
            + baseURLs.flatMap { ["--base-url", $0] } + [directory]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EIO) }
    }

    /// One PKI per test process whose distribution points are `http://crl.test.invalid/first/<name>`
    /// then `.../second/<name>`: tests send both to their own loopback server and choose what each does.
    public static let shared: TestPKI = {
        do { return try TestPKI(baseURLs: ["http://crl.test.invalid/first", "http://crl.test.invalid/second"]) }
        catch { fatalError("scripts/make-test-pki failed: \(error)") }
    }()

    public func path(_ name: String) -> String { directory + "/" + name }

    public func bytes(_ name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else { fatalError("make-test-pki made no \(name)") }
        return [UInt8](data)
    }
}
