import Foundation
@testable import SECore
import SETestSupport

/// Entries of `Tests/Fixtures/vectors/known_answers.json`, looked up by id.
enum KnownAnswers {
    /// Parsed on each use: JSON values are not Sendable, and the file is small.
    static var vectors: [[String: Any]] {
        let data = Data(Fixture.bytes("known_answers.json"))
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let vectors = root["vectors"] as? [[String: Any]]
        else { fatalError("known_answers.json is not the expected JSON document") }
        return vectors
    }

    static func vector(_ id: String) -> [String: Any] {
        guard let vector = vectors.first(where: { $0["id"] as? String == id }) else {
            fatalError("known_answers.json has no vector \(id)")
        }
        return vector
    }

    /// A hex string field of a vector, decoded.
    static func bytes(_ id: String, _ key: String) -> [UInt8] {
        guard let text = vector(id)[key] as? String else { fatalError("vector \(id) has no string \(key)") }
        return hex(text)
    }
}

/// Entries of `Tests/Fixtures/vectors/derived/expected.json`.
enum DerivedExpectations {
    static var root: [String: Any] {
        let data = Data(Fixture.bytes("derived/expected.json"))
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            fatalError("derived/expected.json is not a JSON object")
        }
        return root
    }

    static func common(_ key: String) -> [UInt8] {
        guard let common = root["common"] as? [String: Any], let text = common[key] as? String else {
            fatalError("derived/expected.json has no common.\(key)")
        }
        return hex(text)
    }

    static func e2e(_ name: String) -> [String: Any] {
        guard let cases = root["e2e"] as? [[String: Any]],
              let found = cases.first(where: { $0["name"] as? String == name })
        else { fatalError("derived/expected.json has no e2e case \(name)") }
        return found
    }

    static func images() -> [(file: String, expected: String)] {
        guard let cases = root["images"] as? [[String: Any]] else { fatalError("derived/expected.json has no images") }
        return cases.compactMap { entry in
            guard let file = entry["file"] as? String, let expected = entry["expected"] as? String else { return nil }
            return (file, expected)
        }
    }
}

/// Values that appear in many vectors.
enum Known {
    static let phkhPVHost = hex("415c25a5d19c381e619733e1c1b7fbd88bdd1c31d882d5ade04b97043c5010f0")
    static let phkhPVAttestHost = hex("596e8bf9ceb88e686c74ff007c6df5124e00156981279011f0c6c388b6e95892")
}
