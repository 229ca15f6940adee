/// The 48-byte header shared by attestation and add-secret requests, docs/formats.md §3.1,
/// and the generic split of a request into authenticated data, ciphertext and tag (docs/formats.md §3.3).
public struct RequestHeader: Hashable, Sendable {
    /// The header's size in bytes.
    public static let size = 0x30
    /// AES-GCM IV length in bytes.
    public static let ivSize = 12
    /// AES-GCM tag length in bytes, at the very end of every request.
    public static let tagSize = 16

    /// Eight bytes that say which request this is: all zero for an ARCB, `asrcbM` and the user-data
    /// type for an add-secret request.
    public var magic: [UInt8]
    /// The request format's version; each request type checks its own.
    public var version: UInt32
    /// rql: the whole request, header through GCM tag.
    public var requestLength: UInt32
    /// The 12-byte IV of the encrypted area's AES-GCM.
    public var iv: [UInt8]
    /// nks: number of key slots.
    public var keySlotCount: UInt8
    /// sea: size of the encrypted area.
    public var encryptedSize: UInt32

    /// Takes the fields as they are; `bytes` pads or cuts `magic` and `iv` to their sizes.
    public init(magic: [UInt8], version: UInt32, requestLength: UInt32, iv: [UInt8], keySlotCount: UInt8, encryptedSize: UInt32) {
        self.magic = magic
        self.version = version
        self.requestLength = requestLength
        self.iv = iv
        self.keySlotCount = keySlotCount
        self.encryptedSize = encryptedSize
    }

    /// Reads the first 48 bytes of `bytes`; checks nothing but that they are there (throws `truncated`).
    public init(parsing bytes: ArraySlice<UInt8>) throws(FormatError) {
        var reader = ByteReader(bytes, context: "request header")
        magic = Array(try reader.readBytes(8))
        version = try reader.readU32()
        requestLength = try reader.readU32()
        iv = Array(try reader.readBytes(Self.ivSize))
        try reader.skip(4 + 7)
        keySlotCount = try reader.readU8()
        try reader.skip(4)
        encryptedSize = try reader.readU32()
    }

    /// The 48 bytes, reserved fields zero.
    public var bytes: [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(contentsOf: magic.prefix(8))
        writer.appendZeros(8 - min(magic.count, 8))
        writer.append(version)
        writer.append(requestLength)
        writer.append(contentsOf: iv.prefix(Self.ivSize))
        writer.appendZeros(Self.ivSize - min(iv.count, Self.ivSize))
        writer.appendZeros(4 + 7)
        writer.append(keySlotCount)
        writer.appendZeros(4)
        writer.append(encryptedSize)
        return writer.bytes
    }
}

/// A request split per docs/formats.md §3.3, with every length checked against the bytes present.
public struct SealedRequest: Sendable {
    /// The whole request, exactly rql bytes.
    public let bytes: [UInt8]
    /// The generic header at the request's start.
    public let header: RequestHeader
    /// Everything from offset 0 to the encrypted area: authenticated by the GCM tag.
    public let authenticatedData: ArraySlice<UInt8>
    /// The encrypted area (sea bytes): the secrets, which only a key-slot's ARPK opens.
    public let ciphertext: ArraySlice<UInt8>
    /// The 16-byte GCM tag that ends the request.
    public let tag: ArraySlice<UInt8>

    /// `kind` names the request in messages ("attestation request", "add-secret request").
    /// Unlike pvattest, the buffer must be exactly rql bytes (docs/formats.md §14.2).
    public init(parsing bytes: [UInt8], kind: String) throws(FormatError) {
        guard bytes.count >= RequestHeader.size else {
            throw FormatError(.truncated, "binary request too small: \(kind) has \(bytes.count) bytes, its header alone needs \(RequestHeader.size)")
        }
        let header = try RequestHeader(parsing: bytes[...])
        let length = Int(header.requestLength)
        let encrypted = Int(header.encryptedSize)
        guard length == bytes.count else {
            throw FormatError(.badLength, "\(kind) length field says \(length) bytes but \(bytes.count) bytes are present")
        }
        guard encrypted + RequestHeader.tagSize <= length, length - encrypted - RequestHeader.tagSize >= RequestHeader.size else {
            throw FormatError(.badLength, "binary request too small: \(kind) of \(length) bytes cannot hold an encrypted area of \(encrypted) bytes")
        }
        let aadSize = length - encrypted - RequestHeader.tagSize
        self.bytes = bytes
        self.header = header
        authenticatedData = bytes[0..<aadSize]
        ciphertext = bytes[aadSize..<(aadSize + encrypted)]
        tag = bytes[(length - RequestHeader.tagSize)..<length]
    }
}
