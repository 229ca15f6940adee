public import SECrypto

/// Why an attestation step could not be carried out (as opposed to a measurement that does not
/// match or a policy that does not hold, which are results). Messages use the domain's words and
/// name no file and no command-line option: the caller knows where its inputs came from.
public struct AttestationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for a caller that reacts to some failures differently (e.g. maps them to hints).
    public enum Kind: Hashable, Sendable {
        /// The response is not a well-formed exchange-format response.
        case malformedResponse
        /// The attestation request (ARCB) inside a response is malformed.
        case malformedRequest
        /// The request could not be decrypted: a wrong ARPK or a tampered request.
        case requestNotDecrypted
        /// The additional data does not fit the request's flags.
        case malformedAdditionalData
        /// A host-key document is unreadable or holds no usable P-521 key.
        case malformedHostKeyDocument
        /// Neither an SE header nor an SE image with one.
        case malformedHeader
        /// The firmware verification service did not answer with a verdict (no connection, an
        /// HTTP error, the deadline, an unreadable reply): the firmware was not judged.
        case firmwareServiceFailed
        /// OpenSSL failed where it should not (out of memory, a missing algorithm).
        case cryptography
        /// A request needs between 1 and `AttestationRequest.maxKeySlots` host keys; this many were given.
        case hostKeyCount(Int)
        /// Two host-key documents hold the same host key (`first` and `second` are equal when one
        /// document was given twice): the request would carry two identical key slots.
        case duplicateHostKey(first: String, second: String)
        /// A host-key document, or the signing chain that vouches for it, did not verify; the
        /// error names the rule that failed.
        case hostKeyNotVerified(HostKeyVerificationError)
        /// A Confidential Containers challenge or evidence is not one: not JSON, a wrong type, a
        /// missing key, bad base64, a wrong size (the message names the key).
        case malformedCoCoDocument
        /// Report data is missing or longer than 64 bytes.
        case unusableReportData
        /// The Ultravisor (or the simulator) refused the attestation call.
        case ultravisorRefused
        /// Evidence cannot be judged without the trusted image's header tags (outside trustee-compatible mode).
        case missingTrustedHeader
    }

    /// The category a caller can match on.
    public let kind: Kind
    /// For people; in the domain's words, naming no file and no option.
    public let message: String
    /// Lower-level reasons (OpenSSL's error queue), oldest first.
    public let underlying: [String]

    /// For policies and front-door code that wrap lower-level failures; `underlying` keeps their reasons.
    public init(_ kind: Kind, _ message: String, underlying: [String] = []) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    /// The message alone; `underlying` is for a caller that wants detail.
    public var description: String { message }
}
