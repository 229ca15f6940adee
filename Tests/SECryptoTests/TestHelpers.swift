import Foundation
import SECore
import SECrypto
import SETestSupport
import Testing

/// Reads a secret's bytes for comparison with known answers (tests only).
func revealed(_ secret: SecretBytes) -> [UInt8] {
    secret.withUnsafeBytes { Array($0) }
}

/// `openssl ARGUMENTS` with `input` on stdin; its stdout.
func openssl(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " ")) failed")
    return [UInt8](output)
}

func hex(_ text: String) -> [UInt8] {
    Hex.decode(text) ?? []
}

func secret(_ bytes: [UInt8]) -> SecretBytes {
    SecretBytes(copying: bytes)
}

/// One entry of vectors/known_answers.json, by id.
func knownAnswer(_ id: String) throws -> [String: Any] {
    let root = try JSONSerialization.jsonObject(with: Data(Fixture.bytes("known_answers.json"))) as? [String: Any]
    let vectors = root?["vectors"] as? [[String: Any]] ?? []
    guard let vector = vectors.first(where: { $0["id"] as? String == id }) else {
        throw KnownAnswerMissing(id: id)
    }
    return vector
}

struct KnownAnswerMissing: Error {
    let id: String
}

/// A hex string field of a known-answer entry (`path` walks nested objects).
func knownHex(_ vector: [String: Any], _ path: String...) -> [UInt8] {
    var node: Any? = vector
    for key in path { node = (node as? [String: Any])?[key] }
    return hex(node as? String ?? "")
}

/// Serves fixed byte strings in order, so a request built from it is reproducible.
final class FixedRandomSource: RandomSource {
    private var chunks: [[UInt8]]

    init(_ chunks: [UInt8]...) {
        self.chunks = chunks
    }

    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard let next = chunks.first, next.count == buffer.count else {
            throw CryptoError(.openssl, "FixedRandomSource: unexpected request for \(buffer.count) bytes")
        }
        chunks.removeFirst()
        buffer.copyBytes(from: next)
    }
}

/// The upstream fixed customer key, `pv/keys/private_cust.bin`.
func customerKey() throws -> P521PrivateKey {
    try P521PrivateKey(paddedScalar: secret(Fixture.bytes("pv/keys/private_cust.bin")))
}

/// The first certificate's key of a host-key document fixture.
func hostKey(_ path: String) throws -> P521PublicKey {
    guard let certificate = try Certificate.loadAll(from: Fixture.bytes(path)).first else {
        throw CryptoError(.decodingFailed, "no certificate in \(path)")
    }
    return try certificate.publicKey()
}
