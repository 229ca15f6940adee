import SECore

/// A JSON document parsed by hand: the firmware verification service answers in JSON, and the
/// executable links no Foundation. The input comes from the network or another machine, so every
/// step is bounds-checked, nesting is limited and a member name given twice is refused (readers
/// that keep the first and readers that keep the last would see different documents).
public indirect enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// The number as written (the service's replies need no arithmetic).
    case number(String)
    /// A string with its escapes resolved.
    case string(String)
    /// Elements in the order received.
    case array([JSONValue])
    /// Members in the order received.
    case object([(key: String, value: JSONValue)])

    static let maxDepth = 64

    /// Parses one whole JSON text (RFC 8259); throws on trailing data, nesting deeper than 64 and
    /// duplicate member names.
    public init(parsing bytes: [UInt8]) throws(DocumentError) {
        var parser = JSONParser(bytes: bytes)
        self = try parser.document()
    }

    /// The first member named `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The text of a string value; nil for every other kind of value.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of `true` or `false`; nil for every other kind of value.
    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}

/// RFC 8259 recursive descent over UTF-8 bytes.
private struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(DocumentError) -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected data after the JSON value") }
        return value
    }

    private mutating func value() throws(DocumentError) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw failure("the JSON text ends early") }
        switch byte {
        case UInt8(ascii: "{"): return try nested { (parser) throws(DocumentError) in try parser.object() }
        case UInt8(ascii: "["): return try nested { (parser) throws(DocumentError) in try parser.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected character")
        }
    }

    private mutating func nested(_ body: (inout JSONParser) throws(DocumentError) -> JSONValue) throws(DocumentError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONValue.maxDepth else { throw failure("the JSON text is nested too deeply") }
        return try body(&self)
    }

    private mutating func object() throws(DocumentError) -> JSONValue {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("an object member name must be a string") }
            let key = try string()
            guard !members.contains(where: { $0.key == key }) else { throw failure("the member name '\(key)' appears twice") }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure("':' expected after an object member name") }
            position += 1
            members.append((key, try value()))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw failure("',' or '}' expected in an object")
            }
        }
    }

    private mutating func array() throws(DocumentError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(items)
            default: throw failure("',' or ']' expected in an array")
            }
        }
    }

    private mutating func string() throws(DocumentError) -> String {
        position += 1
        var text = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush(_ run: inout [UInt8], into text: inout String.UnicodeScalarView) {
            text.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll()
        }
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush(&run, into: &text)
                return String(text)
            case UInt8(ascii: "\\"):
                flush(&run, into: &text)
                text.append(try escape())
            case 0..<0x20:
                throw failure("a control character inside a string")
            default:
                run.append(byte)
            }
        }
        throw failure("a string is not terminated")
    }

    private mutating func escape() throws(DocumentError) -> Unicode.Scalar {
        guard let byte = peek() else { throw failure("the JSON text ends inside an escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try hexQuad()
            if (0xD800..<0xDC00).contains(first), bytes.count - position >= 6,
               bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                let save = position
                position += 2
                let second = try hexQuad()
                if (0xDC00..<0xE000).contains(second),
                   let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) {
                    return scalar
                }
                position = save
            }
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        default:
            throw failure("an unknown escape in a string")
        }
    }

    private mutating func hexQuad() throws(DocumentError) -> UInt32 {
        guard bytes.count - position >= 4,
              let pair = Hex.decode(String(decoding: bytes[position..<(position + 4)], as: UTF8.self))
        else { throw failure("a \\u escape needs four hex digits") }
        position += 4
        return UInt32(pair[0]) << 8 | UInt32(pair[1])
    }

    private mutating func number() throws(DocumentError) -> String {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard try digits() > 0 else { throw failure("a number needs digits") }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard try digits() > 0 else { throw failure("a number needs digits after '.'") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard try digits() > 0 else { throw failure("a number needs digits in its exponent") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func digits() throws(DocumentError) -> Int {
        let start = position
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        return position - start
    }

    private mutating func literal(_ word: String) throws(DocumentError) {
        let expected = Array(word.utf8)
        guard bytes.count - position >= expected.count, Array(bytes[position..<(position + expected.count)]) == expected else {
            throw failure("unexpected character")
        }
        position += expected.count
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func failure(_ reason: String) -> DocumentError {
        DocumentError("not valid JSON: \(reason) at byte \(position)")
    }
}
