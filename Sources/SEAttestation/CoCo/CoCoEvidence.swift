public import SECore
import SEDocuments

/// A Confidential Containers evidence (trustee's `SeAttestationResponse`): what the Ultravisor
/// returned for a challenge, with the challenge's sealed secrets and header tags echoed.
public struct CoCoEvidence: Sendable, Equatable {
    /// The user data the guest binds: the report data zero-padded (guest-components).
    public static let userDataSize = 64
    /// Image PHKH ‖ attestation PHKH, the additional data of the flags a challenge uses.
    public static let additionalDataSize = AttestationFlags.challengeFlags.additionalDataSize

    /// The Ultravisor's HMAC-SHA512 measurement (64 bytes, docs/formats.md §6.1).
    public let measurement: [UInt8]
    /// Image PHKH ‖ attestation PHKH, as the Ultravisor returned them (unverified until the measurement is).
    public let additionalData: [UInt8]
    /// The user data the guest bound (64 bytes), measured with the rest.
    public let userData: [UInt8]
    /// The configuration unique ID of the guest (16 bytes).
    public let cuid: [UInt8]
    /// The challenge's sealed measurement key, echoed so that the verifier needs no state.
    public let encryptedMeasurementKey: [UInt8]
    /// The challenge's sealed nonce, echoed so that the verifier needs no state.
    public let encryptedRequestNonce: [UInt8]
    /// The header tags the guest claims to run (208 bytes); the verifier compares them with its trusted ones.
    public let imageHeaderTags: [UInt8]

    /// Takes the fields as they are; `CoCoEvidenceVerifier.verify` checks their sizes.
    public init(measurement: [UInt8], additionalData: [UInt8], userData: [UInt8], cuid: [UInt8],
                encryptedMeasurementKey: [UInt8], encryptedRequestNonce: [UInt8], imageHeaderTags: [UInt8]) {
        self.measurement = measurement
        self.additionalData = additionalData
        self.userData = userData
        self.cuid = cuid
        self.encryptedMeasurementKey = encryptedMeasurementKey
        self.encryptedRequestNonce = encryptedRequestNonce
        self.imageHeaderTags = imageHeaderTags
    }

    /// Reads evidence in any key order (guest-components sorts them); every value must have
    /// its type and exact size, else the error names the key.
    public init(parsing bytes: [UInt8]) throws(AttestationError) {
        let document = try CoCoDocument(parsing: bytes, kind: "evidence")
        measurement = try document.required("measurement", sizes: 64...64)
        additionalData = try document.required("additional_data", sizes: Self.additionalDataSize...Self.additionalDataSize)
        userData = try document.required("user_data", sizes: Self.userDataSize...Self.userDataSize)
        cuid = try document.required("cuid", sizes: ExchangeLimits.cuidSize...ExchangeLimits.cuidSize)
        encryptedMeasurementKey = try document.required("encr_measurement_key", sizes: 1...CoCoChallenge.maxCiphertextSize)
        encryptedRequestNonce = try document.required("encr_request_nonce", sizes: 1...CoCoChallenge.maxCiphertextSize)
        imageHeaderTags = try document.required("image_hdr_tags", sizes: SEHeaderTags.size...SEHeaderTags.size)
    }

    /// One line, no final newline, keys in trustee's struct order (guest-components' attester
    /// sorts them; readers accept either).
    public var json: [UInt8] {
        Array(ReportValue.map([
            ("measurement", .base64(measurement)),
            ("additional_data", .base64(additionalData)),
            ("user_data", .base64(userData)),
            ("cuid", .base64(cuid)),
            ("encr_measurement_key", .base64(encryptedMeasurementKey)),
            ("encr_request_nonce", .base64(encryptedRequestNonce)),
            ("image_hdr_tags", .base64(imageHeaderTags)),
        ]).compactJSON.utf8)
    }

    /// The header tags as the evidence states them (unverified: an attacker's image reports its own).
    var statedTags: SEHeaderTags { SEHeaderTags(bytes: imageHeaderTags) }
}

extension AttestationFlags {
    /// What a Confidential Containers challenge asks for: the nonce and both host-key hashes,
    /// the additional data trustee's verifier reads.
    public static let challengeFlags: AttestationFlags = [.nonce, .imagePHKH, .attestationPHKH]
}
