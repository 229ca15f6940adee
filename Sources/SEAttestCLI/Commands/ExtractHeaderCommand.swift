import SECore

/// `extract-hdr`: writes the SE header of an SE image byte for byte, found the way `verify`
/// finds it (docs/formats.md §7.3), so reference values can be taken from the file `verify` will use.
struct ExtractHeaderCommand {
    var input: String
    var output: String

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        let header = try SEHeader.load(path: input, diagnostics: diagnostics)
        try OutputFile.write(header.bytes, to: output, what: "SE header")
        diagnostics.info("SE header written to \(output == "-" ? "standard output" : CLIError.quote(output)) (\(header.size) bytes)")
        return .success
    }
}
