import SEDocuments
import SECrypto
/// Runs a parsed command: builds its options from the invocation, runs it, and turns any
/// failure into the one `error:` line and exit status 1.
func runCommand(_ invocation: Invocation) -> Int32 {
    // The process ends after the command; nothing is gained by OpenSSL tidying up at exit.
    let legacyNames = invocation.command.checksCertificates
    OpenSSLLibrary.initializeWithoutExitCleanup(legacyAlgorithmNames: legacyNames)
    let diagnostics = Diagnostics(verbosity: invocation.verbosity + 2)
    if diagnostics.verbosity >= Diagnostics.traceLevel {
        diagnostics.warning("trace output (-vvv) is verbose")
    }
    diagnostics.trace("OpenSSL initialised \(legacyNames ? "with" : "without") its table of legacy algorithm names")
    do {
        let command = try command(for: invocation)
        try FileUse.checkAliases(command.files, in: invocation)
        if command.holdsSecrets { try CoreDumpProtection.engage() }
        return try command.run(diagnostics).rawValue
    } catch {
        diagnostics.error(error)
        return ExitStatus.failure.rawValue
    }
}

/// What every command offers the dispatcher.
protocol RunnableCommand {
    /// The files the command reads and writes, checked for aliases before it runs.
    var files: [FileUse] { get }
    /// Whether this run reads or makes a secret; if so the process is made non-dumpable first.
    var holdsSecrets: Bool { get }
    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus
}

extension CreateCommand: RunnableCommand {
    var holdsSecrets: Bool { true }
}
extension VerifyCommand: RunnableCommand {
    var holdsSecrets: Bool { true }
}
extension PerformCommand: RunnableCommand {
    /// The simulator reads a host private key and unwraps the ARPK; a real guest holds neither.
    var holdsSecrets: Bool { simulation != nil }
}
extension ChallengeCommand: RunnableCommand {
    var holdsSecrets: Bool { true }
}
extension PerformChallengeCommand: RunnableCommand {
    var holdsSecrets: Bool { simulation != nil }
}
extension VerifyEvidenceCommand: RunnableCommand {
    var holdsSecrets: Bool { true }
}
extension ExtractHeaderCommand: RunnableCommand {
    var holdsSecrets: Bool { false }
}
extension CheckCommand: RunnableCommand {
    var holdsSecrets: Bool { arpk != nil }
}
extension InspectCommand: RunnableCommand {
    var holdsSecrets: Bool { arpk != nil }
}

private func command(for invocation: Invocation) throws(CLIError) -> any RunnableCommand {
    // The parser has already enforced required options and allowed values; these guards only
    // keep a table mistake from turning into a trap.
    func required(_ name: OptionName) throws(CLIError) -> String {
        guard let value = invocation.string(name) else {
            throw CLIError("the option --\(name.rawValue) is required")
        }
        return value
    }
    func reportFormat() throws(CLIError) -> ReportFormat {
        guard let format = ReportFormat(rawValue: try required(.format)) else {
            throw CLIError("--format must be yaml or json")
        }
        return format
    }
    func maxAge() throws(CLIError) -> UInt64? {
        guard let text = invocation.string(.maxAge) else { return nil }
        guard let seconds = UInt64(text) else { throw CLIError("--max-age must be a number of seconds, not '\(text.escapedForTerminal)'") }
        return seconds
    }
    switch invocation.command {
    case .create:
        return CreateCommand(
            hostKeyDocuments: HostKeyDocumentSelection(invocation),
            output: try required(.output),
            arpk: try required(.arpk),
            addData: invocation.strings(.addData))
    case .verify where invocation.isGiven(.evidence):
        return VerifyEvidenceCommand(
            evidence: try required(.evidence), sealKey: try required(.sealKey), header: invocation.string(.hdr),
            reportData: invocation.string(.reportData), maxAge: try maxAge(), trusteeCompatible: invocation.flag(.trusteeCompatible),
            output: invocation.string(.output), format: try reportFormat())
    case .verify:
        return VerifyCommand(
            input: try required(.input), header: try required(.hdr), arpk: try required(.arpk),
            output: invocation.string(.output), format: try reportFormat(), userDataOutput: invocation.string(.userData))
    case .perform:
        let simulation = invocation.flag(.simulate)
            ? PerformCommand.Simulation(
                hostKeyPrivate: try required(.hostKeyPrivate), header: try required(.hdr), cuid: invocation.bytes(.cuid))
            : nil
        if let challenge = invocation.string(.challenge) {
            return PerformChallengeCommand(
                challenge: challenge, output: try required(.output), runtimeDataDigest: invocation.string(.runtimeDataDigest),
                simulation: simulation)
        }
        return PerformCommand(
            input: try required(.input), output: try required(.output), userData: invocation.string(.userData),
            simulation: simulation)
    case .check:
        return CheckCommand(
            input: try required(.input), output: try required(.output), format: try reportFormat(),
            hostKeyDocuments: invocation.strings(.hostKeyDocument), hostKeyChecks: invocation.strings(.hostKeyCheck),
            userData: invocation.string(.userData), secrets: invocation.strings(.secret),
            secretStoreLocked: invocation.bool(.secretStoreLocked), firmware: try CheckCommand.firmwareService(invocation),
            header: invocation.string(.hdr), arpk: invocation.string(.arpk))
    case .inspect:
        guard let format = InspectCommand.Format(rawValue: try required(.format)) else {
            throw CLIError("--format must be text, yaml or json")
        }
        return InspectCommand(input: try required(.input), arpk: invocation.string(.arpk), format: format)
    case .challenge:
        return ChallengeCommand(
            hostKeyDocuments: HostKeyDocumentSelection(invocation), header: try required(.hdr), sealKey: try required(.sealKey),
            runtimeDataDigest: invocation.string(.runtimeDataDigest), output: try required(.output))
    case .extractHeader:
        return ExtractHeaderCommand(input: try required(.input), output: try required(.output))
    }
}
