/// What the shell completions offer, read from the option table, so that bash, zsh and fish
/// complete the same words and an option added to the table reaches all three on regeneration.
enum CompletionModel {
    /// What an option's value completes to.
    enum Values: Equatable {
        /// File names.
        case files
        /// Nothing: free text such as a hex CUID or a URL.
        case text
        /// Exactly these words; with `list`, comma lists of them.
        case choices([String], list: Bool)
    }

    /// Value placeholders that name a file; any other placeholder without allowed values is
    /// free text (the completion tests insist every placeholder of the table is one of these).
    static let filePlaceholders: Set<String> = ["FILE", "KEY"]

    static func values(of option: OptionSpec) -> Values? {
        guard let value = option.value else { return nil }
        if let allowed = value.allowed { return .choices(allowed, list: option.commaSplit) }
        return filePlaceholders.contains(value.name) ? .files : .text
    }

    /// Every word the first argument may be.
    static var subcommands: [CommandSpec] { OptionTable.commands }

    /// Every spelling of every option that takes a value, in table order, each once.
    static var valuedSpellings: [String] {
        var seen: Set<String> = []
        return (OptionTable.global + OptionTable.commands.flatMap(\.options))
            .filter { $0.value != nil }.flatMap(\.spellings).filter { seen.insert($0).inserted }
    }

    /// The first sentence of an option's help, without the characters the shells' description
    /// syntax gives a meaning to. A full stop inside parentheses ("e.g. openssl genrsa") does not
    /// end the sentence.
    static func summary(_ text: String) -> String {
        let characters = Array(text)
        var depth = 0
        let end = characters.indices.first { index in
            switch characters[index] {
            case "(": depth += 1
            case ")": depth = max(depth - 1, 0)
            case ".": return depth == 0 && (index + 1 == characters.count || characters[index + 1] == " ")
            default: break
            }
            return false
        } ?? characters.count
        return String(characters[..<end].map { "[]:'\"\\$`".contains($0) ? " " : $0 })
    }

    /// Whether a command takes file names as operands (perform REQUEST RESPONSE, ...).
    static func takesFiles(_ spec: CommandSpec) -> Bool {
        spec.subcommand != .help && !spec.operands.isEmpty
    }
}
