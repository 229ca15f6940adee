/// The 64-byte header of pvattest's exchange format v1, docs/formats.md §8.1: a container that
/// labels the request, measurement, additional data, user data and CUID blobs.
struct ExchangeHeader {
    static let magic = Array("pvattest".utf8)
    static let version: UInt32 = 0x100
    static let size = 0x40

    /// `{size, offset}` of one blob; offset 0 with a size means "expected size only".
    struct Entry {
        var size: UInt32
        var offset: UInt32

        static let absent = Entry(size: 0, offset: 0)
        var holdsData: Bool { size > 0 && offset > 0 }
    }

    var totalSize: UInt32
    var arcb: Entry
    var measurement: Entry
    var additionalData: Entry
    var userData: Entry
    var cuid: Entry

    /// Reads and checks the header of `file`; `kind` is "request" or "response" for messages.
    init(parsing file: [UInt8], kind: String) throws(FormatError) {
        let prefix = "the input is not an exchange-format \(kind):"
        guard file.count >= Self.size else {
            throw FormatError(.truncated, "\(prefix) invalid header (\(file.count) bytes, the header alone has \(Self.size))")
        }
        var reader = ByteReader(file, context: "exchange header")
        guard Array(try reader.readBytes(8)) == Self.magic else {
            throw FormatError(.badMagic, "\(prefix) it does not start with the magic value 'pvattest'")
        }
        let version = try reader.readU32()
        guard version == Self.version else {
            throw FormatError(.unsupportedVersion, "\(prefix) unsupported version (0x\(String(version, radix: 16)))")
        }
        totalSize = try reader.readU32()
        guard Int(totalSize) <= file.count else {
            throw FormatError(.badLength, "\(prefix) file size too small (the header says \(totalSize) bytes, the file has \(file.count))")
        }
        try reader.skip(8)
        var entries: [Entry] = []
        for _ in 0..<5 {
            entries.append(Entry(size: try reader.readU32(), offset: try reader.readU32()))
        }
        (arcb, measurement, additionalData, userData, cuid) = (entries[0], entries[1], entries[2], entries[3], entries[4])
    }

    init(totalSize: UInt32, arcb: Entry, measurement: Entry, additionalData: Entry, userData: Entry, cuid: Entry) {
        self.totalSize = totalSize
        self.arcb = arcb
        self.measurement = measurement
        self.additionalData = additionalData
        self.userData = userData
        self.cuid = cuid
    }

    var bytes: [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(contentsOf: Self.magic)
        writer.append(Self.version)
        writer.append(totalSize)
        writer.appendZeros(8)
        for entry in [arcb, measurement, additionalData, userData, cuid] {
            writer.append(entry.size)
            writer.append(entry.offset)
        }
        return writer.bytes
    }

    /// The blob an entry points at, after checking its size limit and that it lies inside the
    /// file (checked before anything is copied: the file may come from an untrusted guest).
    static func blob(_ entry: Entry, named name: String, limit: Int, in file: [UInt8]) throws(FormatError) -> [UInt8] {
        let size = Int(entry.size)
        let offset = Int(entry.offset)
        guard size <= limit else {
            throw FormatError(.badLength, "the \(name) is too large (\(size) bytes, at most \(limit))")
        }
        guard offset <= file.count, size <= file.count - offset else {
            throw FormatError(.badLength, "the \(name) entry (\(size) bytes at offset 0x\(String(offset, radix: 16))) lies outside the file of \(file.count) bytes")
        }
        return Array(file[offset..<(offset + size)])
    }
}

/// Limits of the exchange format and the uvdevice interface, docs/formats.md §8.4, §8.5, §9.4.
public enum ExchangeLimits {
    /// The kernel's cap on an ARCB (1 MiB).
    public static let maxRequestSize = 0x100000
    /// The kernel's cap on the measurement area (32 KiB).
    public static let maxMeasurementSize = 0x8000
    /// The kernel's cap on the additional-data area (32 KiB).
    public static let maxAdditionalDataSize = 0x8000
    /// The size of the kernel interface's user-data field (256 bytes).
    public static let maxUserDataSize = 0x100
    /// A configuration unique ID is always 16 bytes.
    public static let cuidSize = 16
}
