import SEAttestation
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

    /// The documents (1 to 255, distinct host keys) and how they are to be verified: against the
    /// signing chain, or not at all with `--no-verify` (a warning).
    func load(_ diagnostics: Diagnostics) throws(CLIError) -> (documents: [HostKeyDocument], verification: HostKeyVerification) {
        do throws(AttestationError) {
            try CreatedRequest.requireHostKeyCount(paths.count)
        } catch {
            throw HostKeyDocumentFile.error(error)
        }
        let documents = try HostKeyDocumentFile.loadAll(paths, diagnostics: diagnostics)
        try HostKeyDocumentFile.requireDistinctKeys(documents)
        guard !noVerify else {
            diagnostics.warning("Host-key document verification is disabled. The attestation request may not be protected.")
            return (documents, .none)
        }
        return (documents, .signingChain(try HostKeyDocumentFile.signingChain(
            certificates: certificates, crls: crls, rootCA: rootCA, offline: offline, diagnostics: diagnostics)))
    }

    /// The documents, loaded and verified as `load` says.
    func verified(_ diagnostics: Diagnostics) throws(CLIError) -> [HostKeyDocument] {
        let (documents, verification) = try load(diagnostics)
        do throws(AttestationError) {
            try verification.verify(documents)
        } catch {
            throw HostKeyDocumentFile.error(error)
        }
        reportVerified(documents, diagnostics)
        return documents
    }

    /// `-v`: each document that was verified.
    func reportVerified(_ documents: [HostKeyDocument], _ diagnostics: Diagnostics) {
        guard !noVerify else { return }
        for document in documents {
            diagnostics.info("Host-key document \(CLIError.quote(document.name)) verified")
        }
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
