/// A key slot (version 1), docs/formats.md §2.4: lets the Ultravisor holding one host key unwrap
/// the request protection key.
public struct KeySlot: Hashable, Sendable {
    public static let size = 80

    /// SHA-256 of the host key's coordinate block, telling the Ultravisor which slot is its own.
    public let phkh: [UInt8]
    /// AES-256-GCM ciphertext of the 32-byte protection key.
    public let wrappedKey: [UInt8]
    public let tag: [UInt8]

    public init(phkh: [UInt8], wrappedKey: [UInt8], tag: [UInt8]) {
        self.phkh = phkh
        self.wrappedKey = wrappedKey
        self.tag = tag
    }

    public init(parsing bytes: ArraySlice<UInt8>) throws(FormatError) {
        var reader = ByteReader(bytes, context: "key slot")
        phkh = Array(try reader.readBytes(32))
        wrappedKey = Array(try reader.readBytes(32))
        tag = Array(try reader.readBytes(16))
    }

    public var bytes: [UInt8] { phkh + wrappedKey + tag }
}
