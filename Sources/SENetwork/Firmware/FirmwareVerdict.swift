import SEDocuments

/// What IBM's firmware verification service says about a guest's firmware state
/// (docs/formats.md §11): v1 `{"version","valid","referenceId","reason"?}`,
/// v2 `{"version","valid","reason","verifiedHashes":[{"hash","signature"}]}`.
public struct FirmwareVerdict: Sendable {
    /// Whether the service judged the firmware state valid.
    public let valid: Bool
    /// The service's explanation, when it gives one.
    public let reason: String?
    /// v1: the service's reference for this verification.
    public let referenceID: String?
    /// v2: how many signed hashes the service returned (shown, not verified, as pvattest).
    public let verifiedHashCount: Int?

    /// Parses the body of an HTTP 200 reply; anything but a JSON object with a boolean `valid`
    /// is an unexpected reply.
    public init(parsing body: [UInt8]) throws(DocumentError) {
        let document = try JSONValue(parsing: body)
        guard let valid = document["valid"]?.bool else {
            throw DocumentError("the reply has no boolean 'valid'")
        }
        self.valid = valid
        reason = document["reason"]?.string
        referenceID = document["referenceId"]?.string
        if case .array(let hashes)? = document["verifiedHashes"] {
            verifiedHashCount = hashes.count
        } else {
            verifiedHashCount = nil
        }
    }

    /// `Reason: …; ReferenceId: …` as far as the service gave them (pvattest prints them as lines).
    public var details: String {
        var parts: [String] = []
        if let reason { parts.append("Reason: \(reason)") }
        if let referenceID { parts.append("ReferenceId: \(referenceID)") }
        if let verifiedHashCount { parts.append("verified hashes: \(verifiedHashCount)") }
        return parts.joined(separator: "; ")
    }
}
