import SEAttestation
import SECore

/// `create`: encrypts an attestation request to one or more host keys and keeps the request
/// protection key (ARPK) for `verify` (docs/formats.md §4.2, §10.2); the library creates it, this
/// reads the files and writes the outputs.
struct CreateCommand {
    var hostKeyDocuments: HostKeyDocumentSelection
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
        let (documents, verification) = try hostKeyDocuments.load(diagnostics)
        let created: CreatedRequest
        do throws(AttestationError) {
            created = try CreatedRequest(flags: flags, hostKeys: documents, verification: verification)
        } catch {
            throw HostKeyDocumentFile.error(error)
        }
        hostKeyDocuments.reportVerified(documents, diagnostics)
        diagnostics.debug("built the attestation request: \(created.request.arcb.count) bytes, "
                          + (documents.count == 1 ? "1 key slot" : "\(documents.count) key slots")
                          + ", add-data \(flags.addDataValues.isEmpty ? "none" : flags.addDataValues.joined(separator: ", "))")

        try OutputFile.write([
            .init(bytes: created.request.bytes, path: output, what: "attestation request"),
            .init(secret: created.arpk, path: arpk, what: "request protection key (ARPK)"),
        ])
        diagnostics.result("Successfully generated the request")
        return .success
    }
}
