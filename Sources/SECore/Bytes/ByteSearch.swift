/// Finding a byte string in bytes (PEM armour in a key or certificate file) with a plain loop.
/// The standard library's generic `firstRange(of:)` lives in `_StringProcessing`, which the
/// release build does not link (docs/architecture.md §4), and over raw buffers it cost a quarter
/// of a millisecond on a key file.
public enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`.
    public static func firstOffset(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let first = needle.first, start >= 0, haystack.count - start >= needle.count else { return nil }
        var offset = start
        while offset <= haystack.count - needle.count {
            if haystack[offset] == first, needle.indices.allSatisfy({ haystack[offset + $0] == needle[$0] }) { return offset }
            offset += 1
        }
        return nil
    }

    /// Whether the text `marker` occurs in `haystack`.
    public static func contains(_ marker: String, in haystack: UnsafeRawBufferPointer) -> Bool {
        firstOffset(of: Array(marker.utf8), in: haystack) != nil
    }

    /// Whether the text `marker` occurs in `bytes`.
    public static func contains(_ marker: String, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { contains(marker, in: $0) }
    }
}
