import SECore
public import SEDocuments

/// What verified evidence attests: trustee's claims (its keys, order and encodings, so policies
/// written for trustee's `se.*` claims apply), then se-attest's own.
public struct CoCoClaims: Sendable {
    /// trustee reports the ARCB version, always 0x0100.
    public static let version = Int(AttestationRequest.version)

    /// The configuration unique ID of the attested guest (16 bytes).
    public let cuid: [UInt8]
    /// The report data as the caller gave it (not padded); nil when none was checked.
    public let reportData: [UInt8]?
    /// The hash of the host key that unpacked the image (docs/formats.md §2.2).
    public let imagePHKH: [UInt8]
    /// The hash of the host key that decrypted the challenge's request (docs/formats.md §2.2).
    public let attestationPHKH: [UInt8]
    /// The SE header's tag of the attested image.
    public let tag: [UInt8]
    /// The guest's user data as the Ultravisor measured it (the report data zero-padded to 64 bytes).
    public let userData: [UInt8]
    /// Seconds since 1970 when se-attest made the challenge; nil for a challenge it did not make.
    public let issuedAt: UInt64?

    init(evidence: CoCoEvidence, tags: SEHeaderTags, reportData: [UInt8]?, issuedAt: UInt64?) {
        cuid = evidence.cuid
        self.reportData = reportData
        imagePHKH = Array(evidence.additionalData.prefix(32))
        attestationPHKH = Array(evidence.additionalData.dropFirst(32).prefix(32))
        tag = tags.tag
        userData = evidence.userData
        self.issuedAt = issuedAt
    }

    /// Whether the challenge was made by se-attest (its key derived, its age known).
    public var challengeMadeBySEAttest: Bool { issuedAt != nil }

    /// trustee's keys in trustee's order, lower-case hex without `0x` (`report_data` `""` when
    /// none was given), then `user_data` and, when known, `issued_at`.
    public var document: ReportValue {
        var members: [(String, ReportValue)] = [
            ("cuid", .string(Hex.encode(cuid))),
            ("report_data", .string(Hex.encode(reportData ?? []))),
            ("version", .int(Self.version)),
            ("image_phkh", .string(Hex.encode(imagePHKH))),
            ("attestation_phkh", .string(Hex.encode(attestationPHKH))),
            ("tag", .string(Hex.encode(tag))),
            ("user_data", .string(Hex.encode(userData))),
        ]
        if let issuedAt { members.append(("issued_at", .int(Int(clamping: issuedAt)))) }
        return .map(members)
    }
}
