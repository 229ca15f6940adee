/// The four values of an SE header that enter the attestation measurement, docs/formats.md §6.1, §7.4:
/// page-list, address-list and tweak-list digests, and the header's GCM tag.
public struct SEHeaderTags: Hashable, Sendable {
    public static let size = 64 * 3 + 16

    public let pld: [UInt8]
    public let ald: [UInt8]
    public let tld: [UInt8]
    public let tag: [UInt8]

    public init(pld: [UInt8], ald: [UInt8], tld: [UInt8], tag: [UInt8]) {
        self.pld = pld
        self.ald = ald
        self.tld = tld
        self.tag = tag
    }

    /// PLD ‖ ALD ‖ TLD ‖ tag, the first 208 bytes of the measurement input.
    public var bytes: [UInt8] { pld + ald + tld + tag }
}
