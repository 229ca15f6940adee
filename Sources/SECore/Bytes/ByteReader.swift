/// A big-endian cursor over bytes that reports running out instead of trapping.
///
/// All formats in docs/formats.md are big-endian on every host; reading through this type keeps
/// the same code correct on x86_64 and s390x.
public struct ByteReader {
    /// The bytes being read; indices are the slice's own, not necessarily zero-based.
    public let bytes: ArraySlice<UInt8>
    /// The index of the next byte, in `bytes`' indices.
    public private(set) var position: Int

    /// `context` names the structure being read, for the error message on truncation.
    public let context: String

    /// Reads a slice in place, so a structure inside a larger file needs no copy.
    public init(_ bytes: ArraySlice<UInt8>, context: String) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.context = context
    }

    /// Reads a whole array from its start.
    public init(_ bytes: [UInt8], context: String) {
        self.init(bytes[...], context: context)
    }

    /// Bytes left after `position`.
    public var remaining: Int { bytes.endIndex - position }

    /// The next `count` bytes, without a copy; throws `truncated` (naming `context` and the offset)
    /// when fewer remain.
    public mutating func readBytes(_ count: Int) throws(FormatError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw FormatError(.truncated, "\(context) is truncated: needs \(count) more bytes at offset \(position - bytes.startIndex), has \(remaining)")
        }
        let slice = bytes[position..<(position + count)]
        position += count
        return slice
    }

    /// Passes over reserved or unused bytes, with the same bounds check as a read.
    public mutating func skip(_ count: Int) throws(FormatError) {
        _ = try readBytes(count)
    }

    /// One byte; throws `truncated` at the end.
    public mutating func readU8() throws(FormatError) -> UInt8 {
        try readBytes(1).first ?? 0
    }

    /// A big-endian u16; throws `truncated` when fewer than 2 bytes remain.
    public mutating func readU16() throws(FormatError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readInteger(2))
    }

    /// A big-endian u32; throws `truncated` when fewer than 4 bytes remain.
    public mutating func readU32() throws(FormatError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readInteger(4))
    }

    /// A big-endian u64; throws `truncated` when fewer than 8 bytes remain.
    public mutating func readU64() throws(FormatError) -> UInt64 {
        try readInteger(8)
    }

    private mutating func readInteger(_ width: Int) throws(FormatError) -> UInt64 {
        try readBytes(width).reduce(0) { ($0 << 8) | UInt64($1) }
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// The big-endian integer of `width` bytes at `offset`, or nil when the bytes are not there.
    public func bigEndianInteger(at offset: Int, width: Int) -> UInt64? {
        guard offset >= 0, width >= 0, offset <= count - width else { return nil }
        let start = startIndex + offset
        return self[start..<(start + width)].reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
