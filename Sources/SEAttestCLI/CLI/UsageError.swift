/// A command line se-attest cannot run. Reported as `error: <message>`, the subcommand's usage
/// and a pointer to its `--help`, with exit status 1 (pvattest maps every usage error to 1).
struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    enum Kind: Equatable, Sendable {
        /// No subcommand among the arguments.
        case noSubcommand
        /// A word in the subcommand's place that is not one.
        case unknownSubcommand(String)
        /// A spelling no subcommand knows, or that `subcommand` does not know.
        case unknownOption(String)
        /// An option that takes a value came last, or was followed by another option.
        case missingValue(option: String, valueName: String)
        /// A flag given a value with `--flag=VALUE`.
        case unexpectedValue(option: String)
        /// A value (or comma item) outside the option's allowed set, or of the wrong form.
        case invalidValue(option: String, value: String, expected: String)
        /// An empty value, or an empty item in a comma list.
        case emptyValue(option: String)
        /// A single-valued option given twice.
        case repeated(option: String)
        /// A required option (or operand) is absent.
        case missingRequired(String)
        /// Neither of two alternatives (both is a `conflict`).
        case missingOneOf(String, String)
        /// `option` given without `needs`.
        case requires(option: String, needs: String)
        /// Two options that exclude each other.
        case conflict(String, String)
        /// A positional argument with no place to go.
        case unexpectedArgument(String)
    }

    let kind: Kind
    /// The subcommand whose usage to show; nil for the program's.
    let subcommand: Subcommand?

    init(_ kind: Kind, subcommand: Subcommand?) {
        self.kind = kind
        self.subcommand = subcommand
    }

    var description: String {
        switch kind {
        case .noSubcommand:
            "no command given"
        case .unknownSubcommand(let word):
            "unknown command '\(word)'" + suggestion(for: word, among: Subcommand.allCases.map(\.name))
        case .unknownOption(let spelling):
            (subcommand.map { "unknown option '\(spelling)' for '\($0.name)'" } ?? "unknown option '\(spelling)'")
                + suggestion(for: spelling, among: knownSpellings)
        case .missingValue(let option, let valueName):
            "option '\(option)' needs a value (\(valueName))"
        case .unexpectedValue(let option):
            "option '\(option)' takes no value"
        case .invalidValue(let option, let value, let expected):
            "invalid value '\(value)' for '\(option)': expected \(expected)"
        case .emptyValue(let option):
            "empty value for '\(option)'"
        case .repeated(let option):
            "'\(option)' may be given only once"
        case .missingRequired(let what):
            "missing \(what)"
        case .missingOneOf(let first, let second):
            "one of '\(first)' or '\(second)' is required"
        case .requires(let option, let needs):
            "'\(option)' requires '\(needs)'"
        case .conflict(let first, let second):
            "'\(first)' cannot be used together with '\(second)'"
        case .unexpectedArgument(let word):
            "unexpected argument '\(word)'"
        }
    }

    /// The spellings valid here: the subcommand's and the global options, or every option when
    /// no subcommand was given. Single letters are left out: one letter off is no clue.
    private var knownSpellings: [String] {
        let options = subcommand.map { OptionTable.spec(for: $0).options + OptionTable.global }
            ?? OptionTable.global + OptionTable.commands.flatMap(\.options)
        return options.flatMap(\.spellings).filter { $0.hasPrefix("--") }
    }

    private func suggestion(for word: String, among candidates: [String]) -> String {
        SpellingSuggestion.closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
