import Foundation

/// The test vectors (a copy of the project's shared vectors, see Tests/Fixtures/vectors/README.md).
public enum Fixture {
    /// `Tests/Fixtures/vectors`, found from this source file so tests run from any directory.
    public static let vectors: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vectors")

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
