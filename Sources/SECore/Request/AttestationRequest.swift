/// Attestation request control block (ARCB) version 1, docs/formats.md §4: its layout for `create`
/// and its validation for `verify`, `check`, `inspect` and the simulator (no decryption here).
public struct AttestationRequest: Sendable {
    /// The only ARCB version there is (0x100); others are refused.
    public static let version: UInt32 = 0x100
    /// The nonce that the encrypted area carries after the measurement key.
    public static let nonceSize = 16
    /// The customer public key's coordinate block (docs/formats.md §2.1).
    public static let customerKeySize = 160
    /// Where the key slots start: after header, flags, algorithm and customer key (docs/formats.md §4.1).
    public static let keySlotsOffset = 0xE0
    /// nks is one byte, so no request has more key slots.
    public static let maxKeySlots = 255

    /// The whole ARCB as found in the file.
    public let bytes: [UInt8]
    /// The request split into authenticated data, ciphertext and tag, lengths checked.
    public let sealed: SealedRequest
    /// The flags word as stored, including bits this tool has no name for.
    public let flags: AttestationFlags
    /// The measurement algorithm; only HMAC-SHA512 is known, others are refused.
    public let algorithm: MeasurementAlgorithm
    /// The ephemeral customer public key (coordinate block), when the authenticated data holds one.
    public let customerKey: [UInt8]?
    /// The key slots that nks announces and the authenticated data actually holds.
    public let keySlots: [KeySlot]

    /// The generic header: version, lengths, IV, key-slot count.
    public var header: RequestHeader { sealed.header }
    /// The 12-byte IV of the encrypted area's AES-GCM.
    public var iv: [UInt8] { sealed.header.iv }

    /// The authenticated part of a new ARCB: header (rql, nks, sea filled in), flags, MAI,
    /// customer key and key slots, in the order the Ultravisor expects (docs/formats.md §4.1, §4.2).
    public static func authenticatedData(
        iv: [UInt8], flags: AttestationFlags, algorithm: MeasurementAlgorithm,
        customerKey: [UInt8], keySlots: [KeySlot], encryptedSize: Int
    ) -> [UInt8] {
        let aadSize = keySlotsOffset + KeySlot.size * keySlots.count
        let header = RequestHeader(
            magic: [UInt8](repeating: 0, count: 8), version: version,
            requestLength: UInt32(truncatingIfNeeded: aadSize + encryptedSize + RequestHeader.tagSize),
            iv: iv, keySlotCount: UInt8(truncatingIfNeeded: keySlots.count),
            encryptedSize: UInt32(truncatingIfNeeded: encryptedSize))
        var writer = ByteWriter(capacity: aadSize)
        writer.append(contentsOf: header.bytes)
        writer.append(flags.rawValue)
        writer.append(algorithm.rawValue)
        writer.append(UInt32(0))
        writer.append(contentsOf: customerKey)
        for slot in keySlots {
            writer.append(contentsOf: slot.bytes)
        }
        return writer.bytes
    }

    /// Validates an ARCB in pvattest's order (docs/formats.md §4.3 steps 1–6), plus exact length (docs/formats.md §14.2).
    public init(parsing bytes: [UInt8]) throws(FormatError) {
        let kind = "attestation request"
        guard bytes.count >= 8 else {
            throw FormatError(.truncated, "binary request too small: \(kind) has \(bytes.count) bytes")
        }
        guard bytes.prefix(8).allSatisfy({ $0 == 0 }) else {
            throw FormatError(.badMagic, "input does not contain an attestation request (the first 8 bytes are not zero)")
        }
        let sealed = try SealedRequest(parsing: bytes, kind: kind)
        guard sealed.header.version == Self.version else {
            throw FormatError(.unsupportedVersion, "attestation request has an unknown version 0x\(String(sealed.header.version, radix: 16))")
        }
        var reader = ByteReader(sealed.authenticatedData.dropFirst(RequestHeader.size), context: "attestation request authenticated data")
        let rawFlags = try reader.readU64()
        let rawAlgorithm = try reader.readU32()
        try reader.skip(4)
        guard let algorithm = MeasurementAlgorithm(rawValue: rawAlgorithm) else {
            throw FormatError(.invalidValue, "attestation request has an unknown algorithm type \(rawAlgorithm)")
        }
        guard sealed.ciphertext.count >= algorithm.keySize else {
            throw FormatError(.badLength, "encrypted size too small (\(sealed.ciphertext.count) bytes), request probably tampered with")
        }
        self.bytes = bytes
        self.sealed = sealed
        self.flags = AttestationFlags(rawValue: rawFlags)
        self.algorithm = algorithm
        customerKey = reader.remaining >= Self.customerKeySize ? Array(try reader.readBytes(Self.customerKeySize)) : nil
        var slots: [KeySlot] = []
        while customerKey != nil, slots.count < Int(sealed.header.keySlotCount), reader.remaining >= KeySlot.size {
            slots.append(try KeySlot(parsing: try reader.readBytes(KeySlot.size)))
        }
        keySlots = slots
    }
}
