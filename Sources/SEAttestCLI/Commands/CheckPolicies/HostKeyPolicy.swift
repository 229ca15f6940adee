import SEAttestation
import SECore

/// check's host-key policies (FORMATS.md §6.4 item 1): exactly one of the given host-key
/// documents must have the host-key hash the response carries. Run once for the key that
/// unpacked the image and once for the key that decrypted the request.
struct HostKeyPolicy {
    enum Kind: String {
        case image
        case attestation

        /// The `--host-key-check` value that makes a missing hash an issue.
        var enforcingCheck: String { self == .image ? "boot-key-hash" : "att-key-hash" }
    }

    let kind: Kind
    let enforced: Bool

    init(_ kind: Kind, checks: [String]) {
        self.kind = kind
        enforced = checks.contains(kind.enforcingCheck)
    }

    /// Judges `hash` (nil when the response lacks it) against `documents`; does nothing when no
    /// document was given, as pvattest.
    func judge(_ hash: [UInt8]?, documents: [HostKeyDocument], into report: inout CheckReport, diagnostics: Diagnostics) {
        guard !documents.isEmpty else { return }
        let what = "\(kind.rawValue) public host-key hash"
        guard let hash else {
            if enforced {
                report.issue("The Attestation result does not contain an \(what), but checking was enabled.", diagnostics)
            }
            return
        }
        let matching = documents.filter { $0.key.phkh == hash }
        switch matching.count {
        case 0:
            report.issue("No given host-key document matches the given \(what) (0x\(Hex.encode(hash)))", diagnostics)
        case 1:
            let match = HostKeyMatch(enforced: enforced, path: matching[0].name)
            if kind == .image { report.imageHostKey = match } else { report.attestationHostKey = match }
            diagnostics.info("✓ Checked \(what): \(CLIError.quote(match.path)) matches")
        default:
            let paths = matching.map { CLIError.quote($0.name) }.joined(separator: ", ")
            report.issue("More than one host-key document matches the given \(what): \(paths)", diagnostics)
        }
    }
}
