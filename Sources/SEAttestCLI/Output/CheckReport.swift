import SEAttestation
import SEDocuments

/// What `check` found: pvattest's keys in pvattest's order (docs/formats.md §10.4). A policy that
/// failed leaves its key out and adds its reason to `issues`.
struct CheckReport {
    var issues: [String] = []
    /// Whether `--hdr`/`-a` recomputed the measurement and it matched: without that the
    /// response may be forged, and whoever reads the result must be able to tell.
    var measurementVerified = false
    var imageHostKey: HostKeyMatch?
    var attestationHostKey: HostKeyMatch?
    /// The response's user data, once it matched the expected bytes.
    var userData: [UInt8]?
    var secretStore: SecretStoreMatch?
    /// Set whenever `--firmware` was given and the service answered.
    var validFirmware: Bool?

    var successful: Bool { issues.isEmpty }

    var document: ReportValue {
        var entries: [(String, ReportValue)] = [
            ("successful", .bool(successful)), ("measurement_verified", .bool(measurementVerified)),
        ]
        if !issues.isEmpty {
            entries.append(("issues", .list(issues.map { .string($0) })))
        }
        if let imageHostKey {
            entries.append(("image_host_key", imageHostKey.document))
        }
        if let attestationHostKey {
            entries.append(("attest_host_key", attestationHostKey.document))
        }
        if let userData {
            entries.append(("user_data", .hex(userData)))
        }
        if let secretStore {
            entries.append(("secret_store", .map([
                ("add_secret_requests", .list(secretStore.requests.map { .string($0) })),
                ("locked", .bool(secretStore.locked)),
            ])))
        }
        if let validFirmware {
            entries.append(("valid_firmware", .bool(validFirmware)))
        }
        return .map(entries)
    }
}

extension CheckReport {
    /// Records a failed policy and says so on stderr, as pvattest does (`✘ reason`).
    mutating func issue(_ reason: String, _ diagnostics: Diagnostics) {
        issues.append(reason)
        diagnostics.result("✘ \(reason)")
    }

    /// Records one policy's result: its findings go into the report, a violation becomes an
    /// issue, and a rule that held says so with `-v` (`✓ …`), as pvattest does.
    mutating func record(_ result: PolicyResult, _ diagnostics: Diagnostics) {
        var held: String?
        switch result.finding {
        case .hostKey(let kind, let document, let enforced)?:
            let match = HostKeyMatch(enforced: enforced, path: document)
            if kind == .image { imageHostKey = match } else { attestationHostKey = match }
            held = "Checked \(kind.rawValue) public host-key hash: \(CLIError.quote(document)) matches"
        case .userData(let bytes)?:
            userData = bytes
            held = "Checked user-data"
        case .secretStore(let requests, let locked)?:
            secretStore = SecretStoreMatch(requests: requests, locked: locked)
            held = "Secret Store hash"
        case .firmware(let valid, let details)?:
            validFirmware = valid
            held = "The firmware is in a valid state" + (details.isEmpty ? "" : " (\(details))")
        case .measurementVerified(let verified)?:
            measurementVerified = verified
            held = "Attestation measurement verified"
        case nil:
            break
        }
        switch result.verdict {
        case .violated(let reason):
            issue(reason, diagnostics)
        case .satisfied:
            if let held { diagnostics.info("✓ \(held)") }
        case .notApplicable:
            break
        }
    }
}

/// The one host-key document whose hash the response carries.
struct HostKeyMatch {
    /// Whether a missing hash would have been an issue (`--host-key-check`).
    let enforced: Bool
    /// The document's path as given on the command line (pvattest calls this key `hash`).
    let path: String

    var document: ReportValue {
        .map([("check_enforced", .bool(enforced)), ("hash", .string(path))])
    }
}

/// The add-secret requests whose tags, in this order, give the response's secret-store hash.
struct SecretStoreMatch {
    let requests: [String]
    let locked: Bool
}
