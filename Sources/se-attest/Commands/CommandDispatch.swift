/// Runs a parsed command: builds its options from the invocation, runs it, and turns any
/// failure into the one `error:` line and exit status 1.
func runCommand(_ invocation: Invocation) -> Int32 {
    let diagnostics = Diagnostics(verbosity: invocation.verbosity + 2)
    defer { diagnostics.flush() }
    do {
        return try command(for: invocation).run(diagnostics).rawValue
    } catch {
        diagnostics.error(error)
        return ExitStatus.failure.rawValue
    }
}

/// What every command offers the dispatcher.
protocol RunnableCommand {
    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus
}

extension CreateCommand: RunnableCommand {}
extension VerifyCommand: RunnableCommand {}
extension ExtractHeaderCommand: RunnableCommand {}
extension CheckCommand: RunnableCommand {}
extension InspectCommand: RunnableCommand {}

private func command(for invocation: Invocation) throws(CLIError) -> any RunnableCommand {
    func required(_ name: OptionName) throws(CLIError) -> String {
        guard let value = invocation.string(name) else {
            throw CLIError("the option --\(name.rawValue) is required")
        }
        return value
    }
    switch invocation.command {
    case .create:
        return CreateCommand(
            hostKeyDocuments: invocation.strings(.hostKeyDocument),
            certificates: invocation.strings(.cert),
            crls: invocation.strings(.crl),
            rootCA: invocation.string(.rootCA),
            offline: invocation.flag(.offline),
            noVerify: invocation.flag(.noVerify),
            output: try required(.output),
            arpk: try required(.arpk),
            addData: invocation.strings(.addData))
    case .verify:
        guard let format = ReportFormat(rawValue: invocation.string(.format) ?? "yaml") else {
            throw CLIError("--format must be yaml or json")
        }
        return VerifyCommand(
            input: try required(.input), header: try required(.hdr), arpk: try required(.arpk),
            output: invocation.string(.output), format: format, userDataOutput: invocation.string(.userData))
    case .check:
        guard let format = ReportFormat(rawValue: invocation.string(.format) ?? "yaml") else {
            throw CLIError("--format must be yaml or json")
        }
        return CheckCommand(
            input: try required(.input), output: try required(.output), format: format,
            hostKeyDocuments: invocation.strings(.hostKeyDocument), hostKeyChecks: invocation.strings(.hostKeyCheck),
            userData: invocation.string(.userData), secrets: invocation.strings(.secret),
            secretStoreLocked: invocation.bool(.secretStoreLocked),
            header: invocation.string(.hdr), arpk: invocation.string(.arpk))
    case .inspect:
        guard let format = InspectCommand.Format(rawValue: invocation.string(.format) ?? "text") else {
            throw CLIError("--format must be text, yaml or json")
        }
        return InspectCommand(input: try required(.input), arpk: invocation.string(.arpk), format: format)
    case .extractHeader:
        return ExtractHeaderCommand(input: try required(.input), output: try required(.output))
    case .perform:
        throw CLIError("\(invocation.command.rawValue) is not implemented yet")
    }
}
