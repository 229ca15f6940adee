import Foundation

/// The test vectors (a copy of the project's shared vectors, see Tests/Fixtures/vectors/README.md).
public enum Fixture {
    /// `Tests/Fixtures/vectors`, found from this source file so tests run from any directory.
    public static let vectors: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vectors")

    /// `Tests/Fixtures/golden`: the software Ultravisor's golden files.
    public static let golden = vectors.deletingLastPathComponent().appendingPathComponent("golden")

    /// `pv/exp/secure_guest.hdr` with key slots for the test host keys `pv/cert/host.crt` and
    /// `host2.crt` (same tags): `perform --simulate` refuses a header without its key's slot.
    public static let simulatorHeader = golden.appendingPathComponent("simulate_guest.hdr").path

    public static func url(_ relativePath: String) -> URL {
        vectors.appendingPathComponent(relativePath)
    }

    public static func path(_ relativePath: String) -> String {
        url(relativePath).path
    }

    /// The bytes of a vector file; a missing fixture is a broken checkout, so it fails loudly.
    public static func bytes(_ relativePath: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(relativePath)) else {
            fatalError("missing test fixture \(relativePath)")
        }
        return [UInt8](data)
    }

    /// `rep(XX, n)` of the vectors' notation.
    public static func rep(_ byte: UInt8, _ count: Int) -> [UInt8] {
        [UInt8](repeating: byte, count: count)
    }
}
