/// Why a Confidential Containers challenge or evidence could not be made, read or judged (as
/// opposed to evidence that does not verify, which is an `EvidenceRefusal`). Messages name the
/// JSON key at fault but no file and no command-line option.
public struct CoCoError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Not a challenge or evidence document: not JSON, a wrong type, a missing key, bad
        /// base64, a wrong size.
        case malformedDocument
        /// The report data is missing or longer than 64 bytes.
        case reportData
        /// The Ultravisor (or the simulator) refused the attestation call.
        case ultravisor
        /// OpenSSL failed where it should not, or a key does not fit.
        case cryptography
    }

    public let kind: Kind
    public let message: String
    /// Lower-level reasons (OpenSSL's error queue), oldest first.
    public let underlying: [String]

    public init(_ kind: Kind, _ message: String, underlying: [String] = []) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
