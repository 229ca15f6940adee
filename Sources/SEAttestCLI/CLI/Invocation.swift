/// A parsed, validated command line for one of the commands: what `runCommand` works from.
///
/// Values are stored under the option's key whatever spelling was used; positional operands that
/// stand for an option (perform/check `REQUEST`/`RESPONSE`, inspect `FILE`, extract-hdr `IMAGE`)
/// are stored under `.input`/`.output`, so commands never look at positions.
struct Invocation: Equatable, Sendable {
    let command: Command
    /// `-v` count minus `-q` count (they cannot be combined): 0 is the default level (warnings),
    /// 1 info, 2 debug, 3 or more trace; -1 errors only, -2 or less nothing but the final error.
    let verbosity: Int
    /// The operands after the subcommand, as typed.
    let positionals: [String]
    /// Warnings about the command line itself (a deprecated spelling), for stderr.
    let warnings: [String]

    private let values: [OptionName: [String]]
    private let counts: [OptionName: Int]
    private let defaults: [OptionName: String]

    init(command: Command, verbosity: Int, positionals: [String], warnings: [String],
         values: [OptionName: [String]], counts: [OptionName: Int], defaults: [OptionName: String]) {
        self.command = command
        self.verbosity = verbosity
        self.positionals = positionals
        self.warnings = warnings
        self.values = values
        self.counts = counts
        self.defaults = defaults
    }

    /// The value of a single-valued option, else its default from the table, else nil.
    func string(_ name: OptionName) -> String? {
        values[name]?.last ?? defaults[name]
    }

    /// Every value of a list option in command-line order, comma lists already split.
    func strings(_ name: OptionName) -> [String] {
        values[name] ?? []
    }

    /// Whether a flag was given (at least once).
    func flag(_ name: OptionName) -> Bool {
        count(name) > 0
    }

    /// How often an option was given (`-vv` counts 2).
    func count(_ name: OptionName) -> Int {
        counts[name] ?? 0
    }

    /// Whether the user gave the option (or its operand), as opposed to its default applying.
    func isGiven(_ name: OptionName) -> Bool {
        values[name] != nil || counts[name] != nil
    }

    /// A `true`/`false` option such as `--secret-store-locked`; nil when absent.
    func bool(_ name: OptionName) -> Bool? {
        string(name).map { $0 == "true" }
    }

    /// A hex-valued option such as `--cuid` as bytes (the parser checked its length); nil when absent.
    func bytes(_ name: OptionName) -> [UInt8]? {
        string(name).flatMap(HexValue.decode)
    }
}
