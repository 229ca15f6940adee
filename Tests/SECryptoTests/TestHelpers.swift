import Foundation
import SECore
import SETestSupport

/// Reads a secret's bytes for comparison with known answers (tests only).
func revealed(_ secret: SecretBytes) -> [UInt8] {
    secret.withUnsafeBytes { Array($0) }
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
