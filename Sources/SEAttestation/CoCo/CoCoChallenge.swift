import SECore
import SEDocuments

/// A Confidential Containers challenge (trustee's `SeAttestationRequest`): the bare ARCB, the
/// sizes the Ultravisor is asked for, the measurement key and nonce sealed under the
/// verifier's RSA key, the SE-header tags of the image and optionally the report data the guest
/// must bind (README, "Confidential Containers").
public struct CoCoChallenge: Sendable, Equatable {
    /// The most report data a guest can bind: the Ultravisor's user data is zero-padded to 64 bytes.
    public static let maxReportDataSize = 64
    /// Challenges and evidence are a few KiB; a larger document (challenge or evidence) is refused.
    public static let maxDocumentSize = 1 << 20
    /// Largest RSA ciphertext: an 8192-bit key.
    static let maxCiphertextSize = 1024

    /// The bare ARCB the guest hands to the Ultravisor (no exchange-format envelope).
    public let requestBlob: [UInt8]
    /// Bytes of measurement the guest must ask the Ultravisor for (64 for HMAC-SHA512).
    public let measurementSize: Int
    /// Bytes of additional data the guest must ask for; the ARCB's flags decide what they hold.
    public let additionalSize: Int
    /// The request's measurement key, RSA-encrypted to the verifier's seal key: only the verifier opens it.
    public let encryptedMeasurementKey: [UInt8]
    /// The request's nonce, RSA-encrypted to the verifier's seal key.
    public let encryptedRequestNonce: [UInt8]
    /// PLD ‖ ALD ‖ TLD ‖ tag (208 bytes).
    public let imageHeaderTags: [UInt8]
    /// The report data the guest must bind as user data; nil when the challenge asks for none.
    public let runtimeDataDigest: [UInt8]?

    /// Takes the fields as they are; only `init(parsing:)` checks their sizes.
    public init(requestBlob: [UInt8], measurementSize: Int, additionalSize: Int, encryptedMeasurementKey: [UInt8],
                encryptedRequestNonce: [UInt8], imageHeaderTags: [UInt8], runtimeDataDigest: [UInt8]?) {
        self.requestBlob = requestBlob
        self.measurementSize = measurementSize
        self.additionalSize = additionalSize
        self.encryptedMeasurementKey = encryptedMeasurementKey
        self.encryptedRequestNonce = encryptedRequestNonce
        self.imageHeaderTags = imageHeaderTags
        self.runtimeDataDigest = runtimeDataDigest
    }

    /// Reads a challenge in any key order, unknown keys ignored (as serde does); every value
    /// must have its type and size, else the error names the key.
    public init(parsing bytes: [UInt8]) throws(AttestationError) {
        let document = try CoCoDocument(parsing: bytes, kind: "challenge")
        requestBlob = try document.required("request_blob", sizes: 1...ExchangeLimits.maxRequestSize)
        measurementSize = try document.u32("measurement_size")
        additionalSize = try document.u32("additional_size")
        encryptedMeasurementKey = try document.required("encr_measurement_key", sizes: 1...Self.maxCiphertextSize)
        encryptedRequestNonce = try document.required("encr_request_nonce", sizes: 1...Self.maxCiphertextSize)
        imageHeaderTags = try document.required("image_hdr_tags", sizes: SEHeaderTags.size...SEHeaderTags.size)
        runtimeDataDigest = try document.bytes("runtime_data_digest", sizes: 0...Self.maxReportDataSize, optional: true)
    }

    /// The JSON trustee's verifier writes: keys in its struct order, one line, no final newline;
    /// `runtime_data_digest` left out when absent.
    public var json: [UInt8] {
        var members: [(String, ReportValue)] = [
            ("request_blob", .base64(requestBlob)),
            ("measurement_size", .int(measurementSize)),
            ("additional_size", .int(additionalSize)),
            ("encr_measurement_key", .base64(encryptedMeasurementKey)),
            ("encr_request_nonce", .base64(encryptedRequestNonce)),
            ("image_hdr_tags", .base64(imageHeaderTags)),
        ]
        if let runtimeDataDigest { members.append(("runtime_data_digest", .base64(runtimeDataDigest))) }
        return Array(ReportValue.map(members).compactJSON.utf8)
    }
}
