/// What a valid command line asks for.
enum ParsedCommandLine: Equatable, Sendable {
    /// Run a command.
    case run(Invocation)
    /// Print help for a subcommand, or for the program (nil), on stdout.
    case help(Subcommand?)
    /// Print the version on stdout.
    case version
}
