/// An add-secret request (ASRCB), docs/formats.md §7.5: the secret-store policy needs only its GCM tag,
/// which the Ultravisor folds into the secret-store hash.
public struct AddSecretRequest: Sendable {
    /// The six bytes every add-secret request starts with.
    public static let magic = Array("asrcbM".utf8)
    /// The highest user-data type the format defines; higher types are refused.
    public static let maxUserDataType: UInt16 = 4

    /// The kind of user data bound to the secret (0 to 4); read, not interpreted.
    public let userDataType: UInt16
    /// The generic header's version; not checked, since only the tag is used.
    public let version: UInt32
    /// The 16-byte AES-GCM tag at the end of the request.
    public let tag: [UInt8]

    /// Checks the magic, the user-data type and the generic length rule (docs/formats.md §3.3); the
    /// request is not decrypted.
    public init(parsing bytes: [UInt8]) throws(FormatError) {
        var reader = ByteReader(bytes, context: "add-secret request")
        guard bytes.count >= 8, Array(try reader.readBytes(Self.magic.count)) == Self.magic else {
            throw FormatError(.badMagic, "input does not contain an add-secret request")
        }
        let type = try reader.readU16()
        guard type <= Self.maxUserDataType else {
            throw FormatError(.invalidValue, "add-secret request has an unsupported user-data type \(type)")
        }
        let sealed = try SealedRequest(parsing: bytes, kind: "add-secret request")
        userDataType = type
        version = sealed.header.version
        tag = Array(sealed.tag)
    }
}
