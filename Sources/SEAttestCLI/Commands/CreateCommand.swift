import SECore
import SECrypto

/// `create`: encrypts an attestation request to one or more host keys and keeps the request
/// protection key (ARPK) for `verify` (FORMATS.md §4.2, §10.2).
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
        let documents = try hostKeyDocuments.load(diagnostics)

        let built: (arcb: [UInt8], arpk: SecretBytes)
        do {
            built = try AttestationRequestBuilder(flags: flags, hostKeys: documents.map(\.key)).build()
        } catch {
            throw CLIError("cannot build the attestation request: \(error.message)", details: error.underlying)
        }
        let slots = documents.count == 1 ? "1 key slot" : "\(documents.count) key slots"
        diagnostics.debug("built the attestation request: \(built.arcb.count) bytes, \(slots), add-data \(flags.addDataValues.isEmpty ? "none" : flags.addDataValues.joined(separator: ", "))")
        let request = ExchangeRequest(
            arcb: built.arcb, measurementSize: MeasurementAlgorithm.hmacSHA512.measurementSize,
            additionalDataSize: flags.additionalDataSize)

        try OutputFile.write([
            .init(bytes: request.bytes, path: output, what: "attestation request"),
            .init(secret: built.arpk, path: arpk, what: "request protection key (ARPK)"),
        ])
        diagnostics.result("Successfully generated the request")
        return .success
    }
}
