/// One option of one subcommand, as data: the parser, `--help`, and the tests that keep the man
/// pages and the completion script true all read this (the swift-driver `Option` table design).
struct OptionSpec: Sendable {
    /// What the option's value may be; `nil` on `OptionSpec.value` means a flag.
    struct Value: Sendable {
        /// The placeholder in help and usage, e.g. `FILE`.
        let name: String
        /// The only accepted values (checked per comma item), or nil for free text.
        let allowed: [String]?
        /// What `Invocation.string(_:)` answers when the option is absent.
        let defaultValue: String?
        /// If set, the value must be this many bytes written as hex digits (optional `0x`).
        let hexByteCount: Int?
        /// False for secrets that must live in a real file (the ARPK): `-` is rejected.
        let allowsStandardStream: Bool
    }

    let name: OptionName
    let short: Character?
    /// Further long spellings accepted for the same option (`--crt` for `--cert`).
    let aliases: [String]
    /// A short spelling kept for pvattest scripts that prints a warning when used (`-V`).
    let deprecatedShort: Character?
    let value: Value?
    /// Flags: counted (`-vv`). Valued options: may be given more than once, values accumulate.
    let repeatable: Bool
    /// Each value is split on commas, as pvattest does.
    let commaSplit: Bool
    let help: String

    var long: String { "--" + name.rawValue }

    /// Every spelling the parser accepts, canonical long name first.
    var spellings: [String] {
        var result = [long] + aliases.map { "--" + $0 }
        if let short { result.append("-" + String(short)) }
        if let deprecatedShort { result.append("-" + String(deprecatedShort)) }
        return result
    }

    /// Whether `spelling` is one of `spellings`, without building them: the parser asks for every
    /// word of a command line.
    func isSpelled(_ spelling: String) -> Bool {
        if spelling.hasPrefix("--") {
            let body = spelling.dropFirst(2)
            return name.rawValue == body || aliases.contains { $0 == body }
        }
        guard spelling.hasPrefix("-"), spelling.count == 2, let letter = spelling.last else { return false }
        return letter == short || letter == deprecatedShort
    }

    /// How errors and relations name the option: `-o/--output`, or `--hdr`.
    var displayName: String {
        if let short { return "-\(short)/\(long)" }
        return long
    }

    static func flag(_ name: OptionName, short: Character? = nil, repeatable: Bool = false,
                     deprecatedShort: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, aliases: [], deprecatedShort: deprecatedShort, value: nil,
                   repeatable: repeatable, commaSplit: false, help: help)
    }

    static func option(_ name: OptionName, short: Character? = nil, aliases: [String] = [],
                       value valueName: String, allowed: [String]? = nil, default defaultValue: String? = nil,
                       hexByteCount: Int? = nil, allowsStandardStream: Bool = true,
                       list: Bool = false, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, aliases: aliases, deprecatedShort: nil,
                   value: Value(name: valueName, allowed: allowed, defaultValue: defaultValue,
                                hexByteCount: hexByteCount, allowsStandardStream: allowsStandardStream),
                   repeatable: list, commaSplit: list, help: help)
    }
}
