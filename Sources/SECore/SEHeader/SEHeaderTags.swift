/// The four values of an SE header that enter the attestation measurement, docs/formats.md §6.1, §7.4:
/// page-list, address-list and tweak-list digests, and the header's GCM tag.
public struct SEHeaderTags: Hashable, Sendable {
    /// The tags' concatenated size: three 64-byte digests and a 16-byte tag (208).
    public static let size = 64 * 3 + 16

    /// Page-list digest (64 bytes, header offset 0xE0, docs/formats.md §7.1).
    public let pld: [UInt8]
    /// Address-list digest (64 bytes, header offset 0x120).
    public let ald: [UInt8]
    /// Tweak-list digest (64 bytes, header offset 0x160).
    public let tld: [UInt8]
    /// The SE header's GCM tag (its last 16 bytes).
    public let tag: [UInt8]

    /// Takes the values as they are; the measurement input assumes 64, 64, 64 and 16 bytes.
    public init(pld: [UInt8], ald: [UInt8], tld: [UInt8], tag: [UInt8]) {
        self.pld = pld
        self.ald = ald
        self.tld = tld
        self.tag = tag
    }

    /// The tags from their 208-byte concatenation, as a Confidential Containers challenge or
    /// evidence carries them (the readers check the size).
    public init(bytes: [UInt8]) {
        func part(_ offset: Int, _ count: Int) -> [UInt8] { Array(bytes.dropFirst(offset).prefix(count)) }
        self.init(pld: part(0, 64), ald: part(64, 64), tld: part(128, 64), tag: part(192, 16))
    }

    /// PLD ‖ ALD ‖ TLD ‖ tag, the first 208 bytes of the measurement input.
    public var bytes: [UInt8] { pld + ald + tld + tag }
}
