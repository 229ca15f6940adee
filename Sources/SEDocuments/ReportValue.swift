import SECore

/// A result document (verify, check, inspect) with keys in a fixed order, rendered as YAML or
/// JSON by hand: no YAML library, no Foundation. Every string is quoted in YAML so YAML 1.1
/// readers never turn a hex value into an integer: single-quoted when it is all printable (as
/// pvattest writes it), else double-quoted with escapes, so every string reads back exactly.
public indirect enum ReportValue: Sendable {
    /// Any text: quoted in YAML, escaped in JSON.
    case string(String)
    /// `true` or `false`, unquoted in both formats.
    case bool(Bool)
    /// A number, unquoted in both formats.
    case int(Int)
    /// Items in order: a YAML sequence of scalars or a JSON array.
    case list([ReportValue])
    /// Keys in the order given, which is the order written.
    case map([(String, ReportValue)])

    /// `0x` and lower-case hex, the way pvattest shows byte strings.
    public static func hex(_ bytes: [UInt8]) -> ReportValue { .string("0x" + Hex.encode(bytes)) }

    /// The document as YAML, every string quoted, ending in a newline.
    public var yaml: String {
        var out = ""
        writeYAML(into: &out, indent: "")
        return out
    }

    /// The document as indented JSON, keys in the given order, ending in a newline.
    public var json: String {
        var out = ""
        writeJSON(into: &out, indent: "")
        return out + "\n"
    }

    /// One line without spaces or a final newline, as serde_json's `to_string` writes it: the
    /// form of the Confidential Containers challenge and evidence.
    public var compactJSON: String {
        var out = ""
        writeJSON(into: &out, indent: nil)
        return out
    }

    private func writeYAML(into out: inout String, indent: String) {
        switch self {
        case .map(let entries):
            for (key, value) in entries {
                switch value {
                case .map(let nested) where !nested.isEmpty:
                    out += "\(indent)\(Self.yamlKey(key)):\n"
                    value.writeYAML(into: &out, indent: indent + "  ")
                case .list(let items) where !items.isEmpty:
                    out += "\(indent)\(Self.yamlKey(key)):\n"
                    for item in items {
                        out += "\(indent)- \(item.yamlScalar)\n"
                    }
                default:
                    out += "\(indent)\(Self.yamlKey(key)): \(value.yamlScalar)\n"
                }
            }
        default:
            out += "\(indent)\(yamlScalar)\n"
        }
    }

    private var yamlScalar: String {
        switch self {
        case .string(let text):
            guard text.unicodeScalars.allSatisfy(\.isPrintable) else {
                return "\"" + text.escaping { !$0.isPrintable || $0 == "\\" || $0 == "\"" } + "\""
            }
            return "'" + text.replacingAll("'", with: "''") + "'"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .list(let items): return "[" + items.map(\.yamlScalar).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\(Self.yamlKey($0.0)): \($0.1.yamlScalar)" }.joined(separator: ", ") + "}"
        }
    }

    /// Keys are snake_case names, written plain; anything else (a word YAML 1.1 reads as a
    /// boolean or null included) is quoted like a value.
    private static func yamlKey(_ key: String) -> String {
        let plain = key.unicodeScalars.first.map { ("a"..."z").contains($0) } == true
            && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !["y", "n", "yes", "no", "true", "false", "on", "off", "null"].contains(key)
        return plain ? key : ReportValue.string(key).yamlScalar
    }

    /// Pretty-printed with two spaces per level (serde_json's `to_string_pretty`), or compact
    /// when `indent` is nil.
    private func writeJSON(into out: inout String, indent: String?) {
        let inner = indent.map { $0 + "  " }
        let open = indent == nil ? "" : "\n"
        let separator = indent == nil ? "," : ",\n"
        let close = indent.map { "\n" + $0 } ?? ""
        switch self {
        case .string(let text): out += Self.jsonString(text)
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .list(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[" + open
            for (index, item) in items.enumerated() {
                out += inner ?? ""
                item.writeJSON(into: &out, indent: inner)
                if index < items.count - 1 { out += separator }
            }
            out += close + "]"
        case .map(let entries):
            guard !entries.isEmpty else { out += "{}"; return }
            out += "{" + open
            for (index, (key, value)) in entries.enumerated() {
                out += (inner ?? "") + Self.jsonString(key) + (indent == nil ? ":" : ": ")
                value.writeJSON(into: &out, indent: inner)
                if index < entries.count - 1 { out += separator }
            }
            out += close + "}"
        }
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where !scalar.isPrintable:
                for unit in String(scalar).utf16 {
                    out += "\\u" + Unicode.Scalar.hex(UInt32(unit), width: 4)
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}

/// The output formats of `verify` and `check`: YAML, as pvattest writes, or JSON.
public enum ReportFormat: String, Sendable {
    /// `yaml` as pvattest writes it, `json` for programs.
    case yaml, json

    /// The document in this format, ready to write as it is.
    public func render(_ report: ReportValue) -> String {
        switch self {
        case .yaml: return report.yaml
        case .json: return report.json
        }
    }
}
