import SECore

/// The `-k` documents of `create` and `challenge` and how they are checked: the same for both.
struct HostKeyDocumentSelection {
    var paths: [String]
    /// `--cert` files; empty together with `noVerify`.
    var certificates: [String] = []
    var crls: [String] = []
    var rootCA: String?
    var offline = false
    var noVerify = false

    /// The documents: 1 to 255, distinct host keys, verified against the signing chain unless
    /// `--no-verify` (a warning).
    func load(_ diagnostics: Diagnostics) throws(CLIError) -> [HostKeyDocumentFile] {
        guard (1...AttestationRequest.maxKeySlots).contains(paths.count) else {
            throw CLIError("between 1 and \(AttestationRequest.maxKeySlots) host-key documents are needed, \(paths.count) were given")
        }
        let documents = try HostKeyDocumentFile.loadAll(paths, diagnostics: diagnostics)
        try HostKeyDocumentFile.requireDistinctKeys(documents)
        if noVerify {
            diagnostics.warning("Host-key document verification is disabled. The attestation request may not be protected.")
        } else {
            try HostKeyDocumentFile.verify(documents, certificates: certificates, crls: crls, rootCA: rootCA, offline: offline,
                                           diagnostics: diagnostics)
        }
        return documents
    }

    var files: [FileUse] {
        FileUse.inputs(.hostKeyDocument, paths) + FileUse.inputs(.cert, certificates)
            + FileUse.inputs(.crl, crls) + FileUse.input(.rootCA, rootCA)
    }

    init(_ invocation: Invocation) {
        paths = invocation.strings(.hostKeyDocument)
        certificates = invocation.strings(.cert)
        crls = invocation.strings(.crl)
        rootCA = invocation.string(.rootCA)
        offline = invocation.flag(.offline)
        noVerify = invocation.flag(.noVerify)
    }
}
