/// The message the Ultravisor authenticates with HMAC-SHA512, docs/formats.md §6.1:
/// `prefix ‖ nonce (if any) ‖ additional data`.
///
/// Only the non-secret prefix is built here; the MAC continues with the nonce straight from
/// its secret storage, so the nonce is never copied into an ordinary array.
public enum MeasurementInput {
    /// Bytes `0 ..< 0xE8 + U`: tags, CUID, the two lengths and the user data.
    public static func prefix(tags: SEHeaderTags, cuid: [UInt8], userData: [UInt8], additionalDataCount: Int) -> [UInt8] {
        var writer = ByteWriter(capacity: 0xE8 + userData.count)
        writer.append(contentsOf: tags.bytes)
        writer.append(contentsOf: cuid)
        writer.append(UInt16(truncatingIfNeeded: userData.count))
        writer.append(UInt16(0))
        writer.append(UInt32(truncatingIfNeeded: additionalDataCount))
        writer.append(contentsOf: userData)
        return writer.bytes
    }
}
