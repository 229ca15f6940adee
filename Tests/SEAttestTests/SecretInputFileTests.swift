import Foundation
import SECore
import Testing
@testable import SEAttestCLI

/// The ARPK is read straight into `SecretBytes` (regression: it went through an ordinary
/// [UInt8] buffer and array that were never wiped), with the same checks and messages as before.
@Suite struct SecretInputFileTests {
    private func file(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-secret-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test("32 bytes come back as a secret with exactly those bytes")
    func exactSize() throws {
        let bytes = (0..<32).map { UInt8($0) }
        let path = try file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let secret = try ProtectionKeyFile.read(path)
        #expect(secret.count == 32)
        #expect(secret.withUnsafeBytes { Array($0) } == bytes)
    }

    @Test("a file of another size is refused naming its size", arguments: [0, 31, 33, 100_000])
    func wrongSize(size: Int) throws {
        let path = try file([UInt8](repeating: 0x17, count: size))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try ProtectionKeyFile.read(path)
        } throws: { error in
            (error as? CLIError)?.message
                == "'\(path)': the request protection key (ARPK) has \(size) bytes, it must be exactly 32 bytes long"
        }
    }

    @Test("a missing file and a directory are refused naming them")
    func notAFile() throws {
        #expect {
            _ = try ProtectionKeyFile.read("/nonexistent/arpk")
        } throws: { error in
            (error as? CLIError)?.message == "'/nonexistent/arpk': cannot open the request protection key (ARPK): No such file or directory"
        }
        let folder = FileManager.default.temporaryDirectory.path
        #expect {
            _ = try ProtectionKeyFile.read(folder)
        } throws: { error in
            (error as? CLIError)?.message == "'\(folder)': cannot read the request protection key (ARPK): it is a directory"
        }
    }
}
