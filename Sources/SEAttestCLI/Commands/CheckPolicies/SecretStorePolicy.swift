import SECore
import SECrypto

/// check's secret-store policy (FORMATS.md §6.3, §6.4 item 3): the response's secret-store hash
/// must be SHA-512 over the tags of the given add-secret requests, in the order given, and the
/// lock byte. The order is the order the guest added its secrets, so it matters.
struct SecretStorePolicy {
    let requests: [(path: String, request: AddSecretRequest)]
    let locked: Bool

    /// Reads every `--secret` file; an unreadable or malformed one is an error, not an issue.
    init(paths: [String], locked: Bool) throws(CLIError) {
        var requests: [(path: String, request: AddSecretRequest)] = []
        for path in paths {
            let bytes = try InputFile.read(path, what: "add-secret request")
            do {
                requests.append((path, try AddSecretRequest(parsing: bytes)))
            } catch {
                throw CLIError(path: path, error.message)
            }
        }
        self.requests = requests
        self.locked = locked
    }

    /// The hash the Ultravisor reports for a store that received exactly these requests.
    func expectedHash() throws(CLIError) -> [UInt8] {
        do {
            return try SHA512.hash(requests.flatMap(\.request.tag), [locked ? 1 : 0])
        } catch {
            throw CLIError("cannot compute the secret-store hash: \(error.message)", details: error.underlying)
        }
    }

    func judge(_ hash: [UInt8]?, into report: inout CheckReport, diagnostics: Diagnostics) throws(CLIError) {
        guard let hash else {
            report.issue("The Attestation response contains no secret-store-hash, but checking was enabled", diagnostics)
            return
        }
        guard try expectedHash() == hash else {
            report.issue("The calculated secret-store-hash does not match with the provided hash", diagnostics)
            return
        }
        report.secretStore = SecretStoreMatch(requests: requests.map(\.path), locked: locked)
        diagnostics.info("✓ Secret Store hash")
    }
}
