import Foundation
import SETestSupport

/// A fresh folder for one test's outputs, removed when the test is done.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` and returns the path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    func bytes(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(name)).map { [UInt8]($0) }
    }

    func text(_ name: String) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// `se-attest ARGS`, with fixture-relative paths written as `@path`.
func runSEAttest(_ arguments: [String], stdin: [UInt8] = []) throws -> SEAttestBinary.Result {
    try SEAttestBinary.run(arguments.map { $0.hasPrefix("@") ? Fixture.path(String($0.dropFirst())) : $0 }, stdin: stdin)
}
