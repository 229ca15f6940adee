import SEAttestation
import SECore

/// `create`: encrypts an attestation request to one or more host keys and keeps the request
/// protection key (ARPK) for `verify` (docs/formats.md §4.2, §10.2); the library creates it, this
/// reads the files and writes the outputs.
struct CreateCommand {
    var hostKeyDocuments: [String]
    /// `--cert` files; empty together with `noVerify`.
    var certificates: [String] = []
    var crls: [String] = []
    var rootCA: String?
    var offline = false
    var noVerify = false
    var output: String
    var arpk: String
    var addData: [String] = []

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        var flags = AttestationFlags.nonce
        for name in addData {
            guard let kind = AdditionalDataKind(addDataValue: name) else {
                throw CLIError("unknown --add-data value '\(name)' (use phkh-img, phkh-att, secret-store-hash or firmware-state)")
            }
            flags.insert(kind.flag)
        }
        do throws(AttestationError) {
            try CreatedRequest.requireHostKeyCount(hostKeyDocuments.count)
        } catch {
            throw HostKeyDocumentFile.error(error)
        }
        let documents = try HostKeyDocumentFile.loadAll(hostKeyDocuments, diagnostics: diagnostics)
        try HostKeyDocumentFile.requireDistinctKeys(documents)
        var verification = HostKeyVerification.none
        if noVerify {
            diagnostics.warning("Host-key document verification is disabled. The attestation request may not be protected.")
        } else {
            verification = .signingChain(try HostKeyDocumentFile.signingChain(
                certificates: certificates, crls: crls, rootCA: rootCA, offline: offline, diagnostics: diagnostics))
        }
        let created: CreatedRequest
        do throws(AttestationError) {
            created = try CreatedRequest(flags: flags, hostKeys: documents, verification: verification)
        } catch {
            throw HostKeyDocumentFile.error(error)
        }
        if !noVerify {
            for document in documents {
                diagnostics.info("Host-key document \(CLIError.quote(document.name)) verified")
            }
        }
        let slots = documents.count == 1 ? "1 key slot" : "\(documents.count) key slots"
        diagnostics.debug("built the attestation request: \(created.request.arcb.count) bytes, \(slots), add-data \(flags.addDataValues.isEmpty ? "none" : flags.addDataValues.joined(separator: ", "))")

        try OutputFile.write([
            .init(bytes: created.request.bytes, path: output, what: "attestation request"),
            .init(secret: created.arpk, path: arpk, what: "request protection key (ARPK)"),
        ])
        diagnostics.result("Successfully generated the request")
        return .success
    }
}
