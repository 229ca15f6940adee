/// The key of an option: what commands ask an `Invocation` for, whatever spelling the user typed.
///
/// The raw value is the canonical long name (`--host-key-document`); aliases such as `--crt`
/// and short names such as `-k` resolve to the same key. A positional operand that stands for an
/// option (perform's `REQUEST` for `-i`) is stored under that option's key.
enum OptionName: String, CaseIterable, Hashable, Sendable {
    // Global
    case verbose
    case quiet
    case help
    case version
    // Inputs and outputs
    case input
    case output
    case arpk
    case hdr
    case userData = "user-data"
    case format
    // create
    case hostKeyDocument = "host-key-document"
    case cert
    case crl
    case rootCA = "root-ca"
    case offline
    case noVerify = "no-verify"
    case addData = "add-data"
    // perform --simulate
    case simulate
    case hostKeyPrivate = "host-key-private"
    case cuid
    // check
    case hostKeyCheck = "host-key-check"
    case secret
    case secretStoreLocked = "secret-store-locked"
    case firmware
    case firmwareCheckVersion = "firmware-check-version"
    case firmwareVerifyURL = "firmware-verify-url"
    // The Confidential Containers protocol: challenge, perform --challenge, verify --evidence
    case sealKey = "seal-key"
    case runtimeDataDigest = "runtime-data-digest"
    case challenge
    case evidence
    case reportData = "report-data"
    case maxAge = "max-age"
    case trusteeCompatible = "trustee-compatible"
}
