/// A subcommand that does work (as opposed to `help` and `version`, which the CLI answers itself).
enum Command: String, CaseIterable, Hashable, Sendable {
    case create
    case perform
    case verify
    case check
    case inspect
    case extractHeader = "extract-hdr"
    case challenge

    /// Whether the command may check an X.509 signature (host-key documents, CRLs, TLS peers),
    /// for which OpenSSL looks up digests by their legacy names; the others start OpenSSL without
    /// that table (docs/architecture.md §4).
    var checksCertificates: Bool {
        switch self {
        case .create, .check, .inspect, .challenge: true
        case .perform, .verify, .extractHeader: false
        }
    }
}

/// Every word that may follow `se-attest`: the commands plus `help [COMMAND]` and `version`.
enum Subcommand: Hashable, Sendable, CaseIterable {
    case command(Command)
    case help
    case version

    static let allCases: [Subcommand] = Command.allCases.map { .command($0) } + [.help, .version]

    init?(name: String) {
        switch name {
        case "help": self = .help
        case "version": self = .version
        default:
            guard let command = Command(rawValue: name) else { return nil }
            self = .command(command)
        }
    }

    /// The word as typed on the command line.
    var name: String {
        switch self {
        case .command(let command): command.rawValue
        case .help: "help"
        case .version: "version"
        }
    }
}
