/// A Secure Execution header v1 ("IBMSecEx"), docs/formats.md §7.1: read for its tags (verify),
/// its key-slot hashes (inspect, check) and extracted from images (extract-hdr).
public struct SEHeader: Sendable {
    /// The eight bytes every SE header starts with.
    public static let magic = Array("IBMSecEx".utf8)
    /// The only header version there is (0x100); others are refused.
    public static let version: UInt32 = 0x100
    /// Everything up to the key slots; pvattest reads this much before looking further.
    public static let fixedSize = 0x1A0
    /// Smallest header holding the fixed part and a tag (se-attest's sanity bound, docs/formats.md §7.4).
    public static let minSize = 0x1B0
    /// Larger phs values are refused: no real header comes near it, and it bounds what is read.
    public static let maxSize = 0x2000

    /// Exactly `size` bytes: the header as it stands in the image.
    public let bytes: [UInt8]
    /// Always `SEHeader.version`: others are refused.
    public let version: UInt32
    /// phs: header length including the trailing tag.
    public let size: Int
    /// The 12-byte GCM IV of the header's own encryption (not used here).
    public let iv: [UInt8]
    /// nks: the key slots the header announces (a u64, wider than a request's u8).
    public let keySlotCount: UInt64
    /// sea: size of the encrypted area before the tag.
    public let encryptedSize: UInt64
    /// nep: number of encrypted component pages.
    public let encryptedPageCount: UInt64
    /// pcf: plaintext control flags (MSB0), shown by `inspect`.
    public let controlFlags: UInt64
    /// The 160-byte coordinate block of the image creator's ephemeral key (docs/formats.md §2.1).
    public let customerKey: [UInt8]
    /// What the attestation measurement covers of the header.
    public let tags: SEHeaderTags
    /// The key slots that nks announces and that fit before the encrypted area.
    public let keySlots: [KeySlot]

    /// Parses a header that starts at the first byte of `bytes` (extra bytes after it are ignored).
    public init(parsing bytes: [UInt8]) throws(FormatError) {
        guard bytes.count >= Self.fixedSize else {
            throw FormatError(.truncated, "invalid SE header: \(bytes.count) bytes, an SE header has at least 0x\(String(Self.fixedSize, radix: 16))")
        }
        var reader = ByteReader(bytes, context: "SE header")
        guard Array(try reader.readBytes(8)) == Self.magic else {
            throw FormatError(.badMagic, "invalid SE header: it does not start with 'IBMSecEx'")
        }
        version = try reader.readU32()
        guard version == Self.version else {
            throw FormatError(.unsupportedVersion, "invalid SE header: unsupported version 0x\(String(version, radix: 16))")
        }
        let size = Int(try reader.readU32())
        guard size >= Self.minSize, size <= Self.maxSize else {
            throw FormatError(.badLength, "invalid SE header: header size 0x\(String(size, radix: 16)) is outside 0x\(String(Self.minSize, radix: 16))...0x\(String(Self.maxSize, radix: 16))")
        }
        guard size <= bytes.count else {
            throw FormatError(.truncated, "invalid SE header: it says it has 0x\(String(size, radix: 16)) bytes but only 0x\(String(bytes.count, radix: 16)) are present")
        }
        self.size = size
        iv = Array(try reader.readBytes(12))
        try reader.skip(4)
        keySlotCount = try reader.readU64()
        encryptedSize = try reader.readU64()
        encryptedPageCount = try reader.readU64()
        controlFlags = try reader.readU64()
        customerKey = Array(try reader.readBytes(160))
        let pld = Array(try reader.readBytes(64))
        let ald = Array(try reader.readBytes(64))
        let tld = Array(try reader.readBytes(64))
        tags = SEHeaderTags(pld: pld, ald: ald, tld: tld, tag: Array(bytes[(size - 16)..<size]))
        // Key slots end where the encrypted area (sea bytes before the tag) begins.
        let slotsEnd = encryptedSize < UInt64(size - 16) ? size - 16 - Int(encryptedSize) : 0
        var slots: [KeySlot] = []
        var offset = Self.fixedSize
        while UInt64(slots.count) < keySlotCount, offset + KeySlot.size <= slotsEnd {
            slots.append(try KeySlot(parsing: bytes[offset..<(offset + KeySlot.size)]))
            offset += KeySlot.size
        }
        keySlots = slots
        self.bytes = Array(bytes[0..<size])
    }

    /// Finds the header in a bare header file or a whole SE image (docs/formats.md §7.3) and parses it.
    public static func locate(in source: some RandomAccessBytes) throws(FormatError) -> (header: SEHeader, location: SEHeaderLocation) {
        let location = try SEHeaderLocation.find(in: source)
        guard let fixed = source.read(at: location.offset, count: fixedSize) else {
            throw FormatError(.truncated, "invalid SE header: the file ends inside the SE header at offset 0x\(String(location.offset, radix: 16))")
        }
        let size = fixed.bigEndianInteger(at: 0x0C, width: 4).map { Int($0) } ?? 0
        let whole = size > fixedSize ? source.read(at: location.offset, count: min(size, maxSize)) : nil
        return (try SEHeader(parsing: whole ?? fixed), location)
    }
}

/// Where an SE header was found, docs/formats.md §7.2, §7.3.
public struct SEHeaderLocation: Hashable, Sendable {
    /// Where current images keep their `SeImgLnx` record.
    public static let metadataOffset = 0xC000
    /// The eight bytes that start the `SeImgLnx` record.
    public static let metadataMagic = Array("SeImgLnx".utf8)
    /// The record's size in bytes, all of which must be present.
    public static let metadataSize = 28
    /// Candidate offsets without a record are multiples of this.
    public static let pageSize = 0x1000
    /// Pages tried without a record: offsets 0 to 0x14000.
    public static let scannedPages = 0x15

    /// The header's file offset.
    public let offset: Int
    /// The version of the image's `SeImgLnx` record, when the image has one.
    public let metadataVersion: UInt32?

    /// A warning pvattest also gives: the image record has a version other than 1.
    public var warning: String? {
        guard let version = metadataVersion, version != 1 else { return nil }
        return "unknown SE boot image version \(version)"
    }

    /// The `SeImgLnx` record is authoritative when present (no fallback); otherwise the first
    /// 21 page-aligned offsets are tried.
    static func find(in source: some RandomAccessBytes) throws(FormatError) -> SEHeaderLocation {
        let candidates: [Int]
        var metadataVersion: UInt32?
        if source.read(at: metadataOffset, count: 8) == metadataMagic {
            guard let record = source.read(at: metadataOffset, count: metadataSize),
                  let headerOffset = record.bigEndianInteger(at: 8, width: 8),
                  let version = record.bigEndianInteger(at: 16, width: 4)
            else {
                throw FormatError(.truncated, "invalid SE image: its SeImgLnx record at 0xc000 is truncated")
            }
            metadataVersion = UInt32(version)
            candidates = headerOffset <= UInt64(Int.max) ? [Int(headerOffset)] : []
        } else {
            candidates = (0..<scannedPages).map { $0 * pageSize }
        }
        for candidate in candidates {
            guard let magic = source.read(at: candidate, count: 8) else { break }
            if magic == SEHeader.magic {
                return SEHeaderLocation(offset: candidate, metadataVersion: metadataVersion)
            }
        }
        let place = metadataVersion != nil
            ? "where the image's SeImgLnx record points"
            : "at offset 0 or any page boundary up to 0x14000"
        throw FormatError(.missing, "invalid SE header provided: no SE header (IBMSecEx) \(place)")
    }
}
