import SEDocuments

/// Reading the members of a challenge or evidence object: each value checked for its type,
/// its base64 and its size, a failure naming the key (the documents come from the other side
/// of the protocol and are hostile until verified).
struct CoCoDocument {

    let members: JSONValue
    /// "challenge" or "evidence", for messages.
    let kind: String

    init(parsing bytes: [UInt8], kind: String) throws(AttestationError) {
        guard bytes.count <= CoCoChallenge.maxDocumentSize else {
            throw AttestationError(.malformedCoCoDocument, "the \(kind) has \(bytes.count) bytes, at most \(CoCoChallenge.maxDocumentSize) are allowed")
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw AttestationError(.malformedCoCoDocument, "the \(kind) is \(error.message)")
        }
        guard case .object = value else { throw AttestationError(.malformedCoCoDocument, "the \(kind) is not a JSON object") }
        members = value
        self.kind = kind
    }

    /// The bytes of base64 member `key`, whose size must be in `sizes`; nil only when `optional`
    /// and the member is absent (JSON `null` counts as absent, as serde reads an `Option`).
    func bytes(_ key: String, sizes: ClosedRange<Int>, optional: Bool = false) throws(AttestationError) -> [UInt8]? {
        guard let value = members[key], !value.isNull else {
            if optional { return nil }
            throw failure(key, "is missing")
        }
        guard let text = value.string else { throw failure(key, "is not a string") }
        guard let decoded = Base64.decode(text) else { throw failure(key, "is not base64 with padding") }
        guard sizes.contains(decoded.count) else {
            let expected = sizes.count == 1 ? "\(sizes.lowerBound)" : "\(sizes.lowerBound) to \(sizes.upperBound)"
            throw failure(key, "has \(decoded.count) bytes, expected \(expected)")
        }
        return decoded
    }

    /// `bytes` for a member that must be present.
    func required(_ key: String, sizes: ClosedRange<Int>) throws(AttestationError) -> [UInt8] {
        guard let bytes = try bytes(key, sizes: sizes) else { throw failure(key, "is missing") }
        return bytes
    }

    /// A non-negative integer member that fits `UInt32`.
    func u32(_ key: String) throws(AttestationError) -> Int {
        guard let value = members[key] else { throw failure(key, "is missing") }
        guard case .number(let text) = value else { throw failure(key, "is not a number") }
        guard let number = UInt32(text) else { throw failure(key, "is not an unsigned 32-bit integer") }
        return Int(number)
    }

    private func failure(_ key: String, _ problem: String) -> AttestationError {
        AttestationError(.malformedCoCoDocument, "the \(kind)'s '\(key)' \(problem)")
    }
}

extension JSONValue {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension ReportValue {
    /// A base64 string value, the encoding of every byte string in the protocol's documents.
    static func base64(_ bytes: [UInt8]) -> ReportValue { .string(Base64.encode(bytes)) }
}
