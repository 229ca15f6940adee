/// Everything the CLI knows about one subcommand: its options, operands, relations and texts.
struct CommandSpec: Sendable {
    /// A positional argument. With `option` set it is the positional spelling of that option
    /// (perform's `REQUEST` = `-i`); the value is stored under `key` either way.
    struct Operand: Sendable {
        let name: String
        let key: OptionName?
        let required: Bool
        /// The option that may be given instead of the positional argument.
        let option: OptionName?
        /// An option that, when given, makes the operand go unused (perform's `REQUEST` with
        /// `--challenge`).
        var unlessGiven: OptionName? = nil
    }

    /// A rule between options, checked after parsing (clap's `requires`/`conflicts_with`/groups).
    enum Relation: Sendable, Equatable {
        case required(OptionName)
        case exactlyOne(OptionName, OptionName)
        case requires(OptionName, OptionName)
        case conflicts(OptionName, OptionName)
        /// Required unless the second option is given (verify's `-a` without `--evidence`).
        case requiredUnless(OptionName, OptionName)
    }

    let subcommand: Subcommand
    /// One line for the command list of `se-attest --help`.
    let summary: String
    /// The one-line usage shown with a usage error, without the leading `se-attest `.
    let usage: String
    /// The synopsis lines of `--help`, each without the leading `se-attest `; a line starting
    /// with spaces continues the previous one.
    let synopsis: [String]
    /// A short paragraph for the top of `--help`.
    let about: String
    let options: [OptionSpec]
    let operands: [Operand]
    let relations: [Relation]
    /// Exit status and meaning, for `--help` and the man pages.
    let exitStatus: [(code: Int, meaning: String)]

    func option(_ name: OptionName) -> OptionSpec? {
        options.first { $0.name == name } ?? OptionTable.global.first { $0.name == name }
    }

    /// The option spelled `spelling` (`--crt`, `-C`), among this command's and the global ones.
    func option(spelled spelling: String) -> OptionSpec? {
        options.first { $0.isSpelled(spelling) } ?? OptionTable.global.first { $0.isSpelled(spelling) }
    }

    /// The option a relation or an operand mentions, as the user should read it.
    func displayName(_ name: OptionName) -> String {
        option(name)?.displayName ?? "--" + name.rawValue
    }
}
