/// Every file each command reads and writes, under the option that names it, in one place so
/// `FileUse.checkAliases` sees them all before a command runs.
extension CreateCommand {
    var files: [FileUse] {
        hostKeyDocuments.files + FileUse.output(.output, output) + FileUse.output(.arpk, arpk)
    }
}

extension VerifyCommand {
    var files: [FileUse] {
        FileUse.input(.input, input) + FileUse.input(.hdr, header) + FileUse.input(.arpk, arpk)
            + FileUse.output(.output, output) + FileUse.output(.userData, userDataOutput)
    }
}

extension PerformCommand {
    var files: [FileUse] {
        FileUse.input(.input, input) + FileUse.input(.userData, userData)
            + FileUse.input(.hostKeyPrivate, simulation?.hostKeyPrivate) + FileUse.input(.hdr, simulation?.header)
            + FileUse.output(.output, output)
    }
}

extension CheckCommand {
    var files: [FileUse] {
        FileUse.input(.input, input) + FileUse.inputs(.hostKeyDocument, hostKeyDocuments)
            + FileUse.input(.userData, userData) + FileUse.inputs(.secret, secrets)
            + FileUse.input(.hdr, header) + FileUse.input(.arpk, arpk)
            + FileUse.output(.output, output)
    }
}

extension InspectCommand {
    /// Writes only to standard output.
    var files: [FileUse] { [] }
}

extension ExtractHeaderCommand {
    var files: [FileUse] {
        FileUse.input(.input, input) + FileUse.output(.output, output)
    }
}

extension ChallengeCommand {
    var files: [FileUse] {
        hostKeyDocuments.files + FileUse.input(.hdr, header)
            + FileUse.input(.sealKey, sealKey) + FileUse.input(.runtimeDataDigest, ReportDataArgument.path(in: runtimeDataDigest))
            + FileUse.output(.output, output)
    }
}

extension PerformChallengeCommand {
    var files: [FileUse] {
        FileUse.input(.challenge, challenge) + FileUse.input(.runtimeDataDigest, ReportDataArgument.path(in: runtimeDataDigest))
            + FileUse.input(.hostKeyPrivate, simulation?.hostKeyPrivate) + FileUse.input(.hdr, simulation?.header)
            + FileUse.output(.output, output)
    }
}

extension VerifyEvidenceCommand {
    var files: [FileUse] {
        FileUse.input(.evidence, evidence) + FileUse.input(.sealKey, sealKey) + FileUse.input(.hdr, header)
            + FileUse.input(.reportData, ReportDataArgument.path(in: reportData)) + FileUse.output(.output, output)
    }
}
