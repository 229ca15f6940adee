import SECore

extension HostKeyDocumentFile {
    /// The `-k` documents of `create` and `challenge`, checked the same way for both: 1 to 255,
    /// distinct host keys, verified against the signing chain unless `--no-verify` (a warning).
    static func loadChecked(
        _ paths: [String], certificates: [String], crls: [String], rootCA: String?, offline: Bool, noVerify: Bool,
        diagnostics: Diagnostics
    ) throws(CLIError) -> [HostKeyDocumentFile] {
        guard (1...AttestationRequest.maxKeySlots).contains(paths.count) else {
            throw CLIError("between 1 and \(AttestationRequest.maxKeySlots) host-key documents are needed, \(paths.count) were given")
        }
        let documents = try loadAll(paths, diagnostics: diagnostics)
        try requireDistinctKeys(documents)
        if noVerify {
            diagnostics.warning("Host-key document verification is disabled. The attestation request may not be protected.")
        } else {
            try verify(documents, certificates: certificates, crls: crls, rootCA: rootCA, offline: offline, diagnostics: diagnostics)
        }
        return documents
    }
}
