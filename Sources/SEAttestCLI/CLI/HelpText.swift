import SEDocuments
/// `--help` and usage-error texts, rendered from the option table.
enum HelpText {
    private static let width = 80
    /// Where option descriptions start.
    private static let descriptionColumn = 32

    /// Help for a subcommand, or for the program (nil).
    static func text(for subcommand: Subcommand?) -> String {
        guard let subcommand else { return program() }
        let spec = OptionTable.spec(for: subcommand)
        var out = usageLines(for: subcommand).joined(separator: "\n") + "\n\n"
        out += wrap(spec.about, indent: 0).joined(separator: "\n") + "\n"
        if !spec.options.isEmpty {
            out += "\nOptions:\n" + optionLines(spec.options, of: spec).joined(separator: "\n") + "\n"
        }
        out += "\nGlobal options:\n" + optionLines(OptionTable.global, of: spec).joined(separator: "\n") + "\n"
        out += "\nExit status:\n"
        for (code, meaning) in spec.exitStatus {
            out += wrap(meaning, indent: 5, first: "  \(code)  ").joined(separator: "\n") + "\n"
        }
        out += "\nSee 'man \(manPage(for: subcommand))' for details.\n"
        return out
    }

    /// What a usage error prints on stderr: the error, the usage, and where to find help.
    static func report(_ error: UsageError) -> String {
        let helpCommand = error.subcommand.map { "se-attest \($0.name) --help" } ?? "se-attest --help"
        let usage = error.subcommand.map { "se-attest " + OptionTable.spec(for: $0).usage } ?? programUsage
        return "error: \(String(describing: error).escapedForTerminal)\nUsage: \(usage)\n"
            + "Try '\(helpCommand)' for more information.\n"
    }

    /// The man page that documents a subcommand: one per command.
    static func manPage(for subcommand: Subcommand) -> String {
        switch subcommand {
        case .command(let command): "se-attest-\(command.rawValue)"
        case .help, .version: "se-attest"
        }
    }

    private static let programUsage = "se-attest [-v... | -q...] COMMAND [OPTIONS] [ARGUMENTS]"

    /// The synopsis at the top of `--help`.
    private static func usageLines(for subcommand: Subcommand?) -> [String] {
        guard let subcommand else {
            return ["Usage: " + programUsage, "       se-attest help [COMMAND]", "       se-attest --version"]
        }
        let program = "se-attest "
        return OptionTable.spec(for: subcommand).synopsis.enumerated().map { index, line in
            let lead = index == 0 ? "Usage: " : "       "
            return lead + (line.hasPrefix(" ") ? String(repeating: " ", count: program.count) : program) + line
        }
    }

    private static func program() -> String {
        var out = "se-attest: remote attestation of IBM Secure Execution guests\n"
        out += "A drop-in superset of IBM's pvattest: every pvattest spelling works.\n\n"
        out += usageLines(for: nil).joined(separator: "\n") + "\n\n"
        out += "Commands:\n"
        for spec in OptionTable.commands {
            let name = spec.subcommand == .help ? "help [COMMAND]" : spec.subcommand.name
            out += wrap(spec.summary, indent: 18, first: "  " + pad(name, to: 16)).joined(separator: "\n") + "\n"
        }
        out += "\nGlobal options:\n" + optionLines(OptionTable.global, of: OptionTable.version).joined(separator: "\n") + "\n"
        out += """

            Exit status:
              0  Success.
              1  An error, including a usage error.
              2  verify: the measurement did not verify; check: a policy failed.

            The flow: create (trusted system) -> perform (on the guest) -> verify, check
            (trusted system). Options may come before or after the command.
            Outputs are written atomically and never over an input or another output;
            an output that is a symlink updates the file it points to; a replaced file
            keeps its mode (the ARPK is always 0600 and never written through a symlink).
            Control and invisible characters in file names and server replies are shown
            on stderr as escapes (\\n, \\t, \\e, \\0, \\xHH, \\uHHHH; a backslash as \\\\);
            YAML and JSON results escape them so they read back exactly.
            See 'se-attest help COMMAND' for the options of a command, and 'man se-attest'.

            """
        return out
    }

    // MARK: - Options

    private static func optionLines(_ options: [OptionSpec], of spec: CommandSpec) -> [String] {
        options.flatMap { option in
            var names = option.short.map { "-\($0), " } ?? "    "
            names += ([option.long] + option.aliases.map { "--" + $0 }).joined(separator: ", ")
            if let value = option.value { names += " " + value.name }
            let head = "  " + names
            let text = description(of: option, in: spec)
            if head.count + 2 <= descriptionColumn {
                return wrap(text, indent: descriptionColumn, first: pad(head, to: descriptionColumn))
            }
            return [head] + wrap(text, indent: descriptionColumn)
        }
    }

    /// The one-line help plus what the table says about values and relations.
    private static func description(of option: OptionSpec, in spec: CommandSpec) -> String {
        var parts = [option.help]
        if let value = option.value {
            if let allowed = value.allowed { parts.append("Values: \(allowed.joined(separator: ", ")).") }
            if let defaultValue = value.defaultValue { parts.append("Default: \(defaultValue).") }
        }
        if option.commaSplit { parts.append("Repeatable; comma lists allowed.") }
        var needs: [String] = []
        for relation in OptionTable.globalRelations + spec.relations {
            switch relation {
            case .required(let name) where name == option.name:
                parts.append("Required.")
            case .exactlyOne(let first, let second) where first == option.name || second == option.name:
                let other = first == option.name ? second : first
                parts.append("This or \(spec.displayName(other)) is required.")
            case .requiredUnless(let name, let alternative) where name == option.name:
                parts.append("Required unless \(spec.displayName(alternative)) is given.")
            case .requires(let name, let needed) where name == option.name:
                needs.append(spec.displayName(needed))
            case .conflicts(let first, let second) where first == option.name || second == option.name:
                let other = first == option.name ? second : first
                parts.append("Not with \(spec.displayName(other)).")
            default:
                break
            }
        }
        if !needs.isEmpty { parts.append("Requires \(needs.joined(separator: " and ")).") }
        return parts.joined(separator: " ")
    }

    // MARK: - Layout

    private static func pad(_ text: String, to column: Int) -> String {
        text + String(repeating: " ", count: max(1, column - text.count))
    }

    /// Words of `text` in lines of at most `width` columns; the first line starts with `first`
    /// (or the indent), the others with `indent` spaces.
    private static func wrap(_ text: String, indent: Int, first: String? = nil) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = first ?? margin
        var lineHasWords = false
        for word in text.split(separator: " ") {
            if lineHasWords && line.count + 1 + word.count > width {
                lines.append(line)
                line = margin
                lineHasWords = false
            }
            line += (lineHasWords ? " " : "") + word
            lineHasWords = true
        }
        lines.append(line)
        return lines
    }
}
