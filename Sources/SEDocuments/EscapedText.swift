/// Untrusted text (file names, the firmware service's replies) may hold control characters,
/// invisible format characters (bidi overrides, zero-width marks), line separators or unassigned
/// code points: on a terminal they move the cursor, recolour it, split a line or hide text, and
/// YAML cannot carry most of them unescaped. Such scalars are written as escapes, in the syntax
/// of YAML's double-quoted scalars, on the terminal and in YAML alike.
extension Unicode.Scalar {
    /// Whether the scalar shows as itself, so it may be written unescaped anywhere.
    var isPrintable: Bool {
        if value < 0x80 { return (0x20..<0x7F).contains(value) }
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: return false
        default: return true
        }
    }

    /// `\0`, `\t`, `\n`, `\r`, `\e`, `\\`, `\"`, else `\xHH`, `\uHHHH` or `\UHHHHHHHH`.
    var escaped: String {
        switch self {
        case "\0": return "\\0"
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\u{1B}": return "\\e"
        case "\\": return "\\\\"
        case "\"": return "\\\""
        default:
            if value < 0x100 { return "\\x" + Self.hex(value, width: 2) }
            if value < 0x10000 { return "\\u" + Self.hex(value, width: 4) }
            return "\\U" + Self.hex(value, width: 8)
        }
    }

    /// Lower-case hex of `value`, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    /// The text as one terminal line: every scalar that is not printable, and the backslash (so
    /// an escape cannot be mistaken for the characters it is made of), written as its escape.
    public var escapedForTerminal: String {
        escaping { !$0.isPrintable || $0 == "\\" }
    }

    /// The text with each scalar that `needsEscape` selects replaced by its escape.
    func escaping(_ needsEscape: (Unicode.Scalar) -> Bool) -> String {
        guard unicodeScalars.contains(where: needsEscape) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: scalar.escaped.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
