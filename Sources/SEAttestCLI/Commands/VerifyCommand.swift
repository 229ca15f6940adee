import SEAttestation
import SEDocuments

/// `verify`: recomputes the attestation measurement of a response and compares it, in
/// constant time, with the one the Ultravisor returned (docs/formats.md §10.2).
struct VerifyCommand {
    var input: String
    var header: String
    var arpk: String
    var output: String?
    var format: ReportFormat = .yaml
    var userDataOutput: String?

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        let response = try ResponseFile.read(input, diagnostics: diagnostics)
        guard try MeasurementVerification.verify(response, responsePath: input, header: header, arpk: arpk, diagnostics: diagnostics) else {
            diagnostics.result("Attestation measurement verification failed. Calculated and received attestation measurement are not equal.")
            return .notVerified
        }
        let fields = try CLIError.naming(input) { () throws(AttestationError) in try response.additionalData() }
        let report = VerificationReport(cuid: response.cuid, additionalData: response.exchange.additionalData, fields: fields,
                                        userData: response.userData)
        // Both outputs are put in place together, before anything is reported, so a failing
        // write leaves neither file and no success text; the warning follows the result, as in pvattest.
        var outputs: [OutputFile.Pending] = []
        if let output {
            outputs.append(.init(bytes: Array(format.render(report.document).utf8), path: output, what: "verification result"))
        }
        let userDataMissing = userDataOutput != nil && response.userData == nil
        if let userDataOutput, let userData = response.userData {
            outputs.append(.init(bytes: userData, path: userDataOutput, what: "user data"))
        }
        try OutputFile.write(outputs)
        diagnostics.result("Attestation measurement verified", report.textLines)
        if userDataMissing {
            diagnostics.warning("a location for the user data was given, but the response does not contain any user data")
        }
        return .success
    }
}
