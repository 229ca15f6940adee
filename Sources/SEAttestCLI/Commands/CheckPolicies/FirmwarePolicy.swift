import SENetwork

/// check's firmware policy (FORMATS.md §6.4 item 4, §11): IBM's service must call the
/// response's firmware state valid. A missing state or a "not valid" is an issue; no answer,
/// another HTTP status or an unreadable reply is an error (exit 1), as with pvattest.
struct FirmwarePolicy {
    let service: FirmwareVerificationService

    func judge(_ state: [UInt8]?, into report: inout CheckReport, diagnostics: Diagnostics) throws(CLIError) {
        guard let state else {
            report.validFirmware = false
            report.issue("The Attestation response contains no firmware hash, but checking was enabled", diagnostics)
            return
        }
        let verdict: FirmwareVerdict
        do throws(NetworkError) {
            verdict = try service.verify(firmwareState: state, observer: diagnostics.downloadObserver)
        } catch {
            throw CLIError("firmware verification at \(service.url): \(error.message)", details: error.underlying)
        }
        report.validFirmware = verdict.valid
        let details = verdict.details.isEmpty ? "" : " (\(verdict.details))"
        if verdict.valid {
            diagnostics.info("✓ The firmware is in a valid state\(details)")
        } else {
            report.issue("The firmware is not in a valid state\(details)", diagnostics)
        }
    }
}
