import Testing
@testable import SECore
import SETestSupport

@Suite struct SEHeaderTests {
    static let header = Fixture.bytes("pv/exp/secure_guest.hdr")
    static let metadataV1 = KnownAnswers.bytes("se_image_metadata_v1", "expected_28_bytes")

    static var expectedTags: SEHeaderTags {
        let expected = KnownAnswers.vector("se_header_tags")["expected"] as? [String: String] ?? [:]
        return SEHeaderTags(
            pld: hex(expected["pld"] ?? ""), ald: hex(expected["ald"] ?? ""),
            tld: hex(expected["tld"] ?? ""), tag: hex(expected["tag"] ?? ""))
    }

    /// `size` zero bytes with `parts` copied in at their offsets.
    static func image(size: Int, _ parts: [(offset: Int, bytes: [UInt8])]) -> [UInt8] {
        var image = [UInt8](repeating: 0, count: size)
        for part in parts {
            image.replaceSubrange(part.offset..<(part.offset + part.bytes.count), with: part.bytes)
        }
        return image
    }

    /// A `SeImgLnx` record (docs/formats.md §7.2).
    static func metadata(headerOffset: UInt64, version: UInt32 = 1, ipibOffset: UInt64 = 0x16000) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(contentsOf: SEHeaderLocation.metadataMagic)
        writer.append(headerOffset)
        writer.append(version)
        writer.append(ipibOffset)
        return writer.bytes
    }

    // MARK: - secure_guest.hdr

    @Test("header constants (Appendix A)") func constants() {
        #expect(SEHeader.magic == hex("49424D5365634578"))
        #expect(SEHeader.version == 0x100)
        #expect(SEHeader.fixedSize == 0x1A0)
        #expect(SEHeader.minSize == 0x1B0)
        #expect(SEHeader.maxSize == 0x2000)
        #expect(SEHeaderLocation.metadataMagic == hex("5365496d674c6e78"))
        #expect(SEHeaderLocation.metadataOffset == 0xC000)
        #expect(SEHeaderLocation.metadataSize == 28)
        #expect(SEHeaderLocation.scannedPages == 0x15)
        #expect(SEHeaderLocation.pageSize == 0x1000)
        #expect(SEHeaderTags.size == 208)
    }


    @Test("secure_guest.hdr: tags, version, size 0x280, one key slot") func parsesKnownHeader() throws {
        let header = try SEHeader(parsing: Self.header)
        #expect(header.tags == Self.expectedTags)
        #expect(header.tags.tag == hex("92309d4589b9a85b427f8753171d1520"))
        #expect(header.version == 0x100)
        #expect(header.size == 0x280)
        #expect(header.bytes == Self.header)
        #expect(header.iv == hex("4dc42a795fd9d2e4a40fcb33"))
        #expect(header.keySlotCount == 1)
        #expect(header.encryptedSize == 0x80)
        #expect(header.encryptedPageCount == 0xFC25)
        #expect(header.controlFlags == 0)
        #expect(header.customerKey == Array(Self.header[0x40..<0xE0]))
        #expect(header.keySlots.count == 1)
        #expect(header.keySlots.first?.phkh == hex("782966a6298f6f5968780c3134ca4c55958d2dbca5292f59e9f5d2670befaf2f"))
        #expect(header.keySlots.first?.bytes == Array(Self.header[0x1A0..<0x1F0]))
    }

    @Test("the tags are PLD, ALD, TLD at 0xE0/0x120/0x160 and the last 16 bytes") func tagOffsets() throws {
        let tags = try SEHeader(parsing: Self.header).tags
        #expect(tags.pld == Array(Self.header[0xE0..<0x120]))
        #expect(tags.ald == Array(Self.header[0x120..<0x160]))
        #expect(tags.tld == Array(Self.header[0x160..<0x1A0]))
        #expect(tags.tag == Array(Self.header[0x270..<0x280]))
        #expect(tags.bytes.count == SEHeaderTags.size)
        #expect(tags.bytes == DerivedExpectations.common("tags_pld_ald_tld_tag"))
    }

    @Test("a bare header is located at offset 0, with no image record") func locatesBareHeader() throws {
        let (header, location) = try SEHeader.locate(in: Self.header)
        #expect(location == SEHeaderLocation(offset: 0, metadataVersion: nil))
        #expect(location.warning == nil)
        #expect(header.tags == Self.expectedTags)
    }

    @Test("bytes after the header are ignored") func trailingBytes() throws {
        let header = try SEHeader(parsing: Self.header + Fixture.rep(0xee, 0x100))
        #expect(header.bytes == Self.header)
        #expect(header.tags == Self.expectedTags)
    }

    // MARK: - Images (derived/expected.json)

    @Test("every derived image is found or not found as expected.json says") func derivedImages() throws {
        let cases = DerivedExpectations.images()
        #expect(cases.count == 5)
        for (file, expected) in cases {
            let image = Fixture.bytes("derived/" + file)
            if expected.hasPrefix("tags found") {
                let (header, location) = try SEHeader.locate(in: image)
                #expect(header.tags == Self.expectedTags, "\(file)")
                #expect(header.bytes == Self.header, "\(file)")
                #expect(location.warning == nil, "\(file)")
            } else {
                #expect(expected.hasPrefix("error: invalid SE header"), "\(file)")
                expectFormatError(.missing, mentioning: "invalid SE header") { () throws(FormatError) in try SEHeader.locate(in: image) }
            }
        }
    }

    @Test("where the derived images' headers are found") func derivedImageLocations() throws {
        let scanned = try SEHeader.locate(in: Fixture.bytes("derived/images/se_img_scan_0x12000.bin")).location
        #expect(scanned == SEHeaderLocation(offset: 0x12000, metadataVersion: nil))
        let viaRecord = Fixture.bytes("derived/images/se_img_meta_0x14000.bin")
        #expect(try SEHeader.locate(in: viaRecord).location == SEHeaderLocation(offset: 0x14000, metadataVersion: 1))
        #expect(Array(viaRecord[0xC000..<0xC01C]) == Self.metadataV1)
        let badRecord = Fixture.bytes("derived/images/se_img_meta_badoff_notfound.bin")
        expectFormatError(.missing, mentioning: "SeImgLnx") { () throws(FormatError) in try SEHeader.locate(in: badRecord) }
    }

    @Test("the SeImgLnx v1 record matches se_image_metadata_v1") func metadataRecordBytes() {
        #expect(Self.metadata(headerOffset: 0x14000) == Self.metadataV1)
        #expect(Self.metadataV1.count == SEHeaderLocation.metadataSize)
    }

    @Test("the header at 0x12000 of a 0x13000 buffer is found by the page scan") func pageScan() throws {
        let image = Self.image(size: 0x13000, [(0x12000, Self.header)])
        let (header, location) = try SEHeader.locate(in: image)
        #expect(location.offset == 0x12000)
        #expect(header.tags == Self.expectedTags)
    }

    @Test("the scan covers page 0x14000 but not 0x15000", arguments: [(0x14000, true), (0x15000, false), (0x13800, false), (0x8, false)])
    func scanReach(offset: Int, found: Bool) throws {
        let image = Self.image(size: offset + 0x1000, [(offset, Self.header)])
        if found {
            #expect(try SEHeader.locate(in: image).location.offset == offset)
        } else {
            expectFormatError(.missing) { () throws(FormatError) in try SEHeader.locate(in: image) }
        }
    }

    @Test("the first IBMSecEx on a page boundary wins") func firstMatchWins() throws {
        let decoy = Array(SEHeader.magic) + Fixture.rep(0, 8)
        let image = Self.image(size: 0x4000, [(0x1008, decoy), (0x2000, Self.header), (0x3000, Self.header)])
        #expect(try SEHeader.locate(in: image).location.offset == 0x2000)
    }

    @Test("a metadata record of version 2 is followed, with pvattest's warning") func metadataVersion2() throws {
        let image = Self.image(size: 0x14280, [(0xC000, Self.metadata(headerOffset: 0x14000, version: 2)), (0x14000, Self.header)])
        let (header, location) = try SEHeader.locate(in: image)
        #expect(location == SEHeaderLocation(offset: 0x14000, metadataVersion: 2))
        #expect(location.warning == "unknown SE boot image version 2")
        #expect(header.tags == Self.expectedTags)
    }

    @Test("the metadata record is authoritative: no fallback scan") func metadataIsAuthoritative() {
        // The header sits at 0 where a scan would find it, but the record points elsewhere.
        let image = Self.image(size: 0xD000, [(0, Self.header), (0xC000, Self.metadata(headerOffset: 0x1000))])
        expectFormatError(.missing) { () throws(FormatError) in try SEHeader.locate(in: image) }
    }

    @Test("metadata offsets past the file or beyond Int are not found, not trapped",
          arguments: [UInt64(0xD000), 0xFFFF_FFFF, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, .max])
    func metadataOffsetOutside(offset: UInt64) {
        let image = Self.image(size: 0xD000, [(0xC000, Self.metadata(headerOffset: offset))])
        expectFormatError(.missing) { () throws(FormatError) in try SEHeader.locate(in: image) }
    }

    @Test("a truncated SeImgLnx record is refused", arguments: [8, 16, 27])
    func truncatedMetadata(available: Int) {
        let image = Self.image(size: 0xC000 + available, [(0xC000, Array(Self.metadataV1.prefix(available)))])
        expectFormatError(.truncated, mentioning: "SeImgLnx") { () throws(FormatError) in try SEHeader.locate(in: image) }
    }

    // MARK: - Damaged headers

    @Test("first byte removed: no header") func firstByteRemoved() {
        let bytes = Array(Self.header.dropFirst())
        expectFormatError(.missing, mentioning: "invalid SE header") { () throws(FormatError) in try SEHeader.locate(in: bytes) }
        expectFormatError(.badMagic) { () throws(FormatError) in try SEHeader(parsing: bytes) }
    }

    @Test("bytes 0 and 1 swapped: no header") func firstBytesSwapped() {
        var bytes = Self.header
        bytes.swapAt(0, 1)
        expectFormatError(.missing) { () throws(FormatError) in try SEHeader.locate(in: bytes) }
        expectFormatError(.badMagic, mentioning: "IBMSecEx") { () throws(FormatError) in try SEHeader(parsing: bytes) }
    }

    @Test("another version is refused", arguments: [UInt64(0), 0x200, 0x101])
    func unsupportedVersion(version: UInt64) {
        let bytes = patched(Self.header, at: 0x08, width: 4, value: version)
        expectFormatError(.unsupportedVersion) { () throws(FormatError) in try SEHeader(parsing: bytes) }
        expectFormatError(.unsupportedVersion) { () throws(FormatError) in try SEHeader.locate(in: bytes) }
    }

    @Test("a size field outside 0x1B0...0x2000 is refused", arguments: [UInt64(0), 0x10, 0x1A0, 0x1AF, 0x2001, 0x1_0000, 0xFFFF_FFFF])
    func sizeOutOfBounds(size: UInt64) {
        let bytes = patched(Self.header, at: 0x0C, width: 4, value: size) + Fixture.rep(0, 0x2000)
        expectFormatError(.badLength, mentioning: "header size") { () throws(FormatError) in try SEHeader(parsing: bytes) }
        expectFormatError(.badLength, mentioning: "header size") { () throws(FormatError) in try SEHeader.locate(in: bytes) }
    }

    @Test("size 0x1B0: the tag follows the fixed part directly, no slot fits") func smallestSize() throws {
        let bytes = patched(Self.header, at: 0x0C, width: 4, value: 0x1B0)
        let header = try SEHeader(parsing: bytes)
        #expect(header.size == 0x1B0)
        #expect(header.tags.tag == Array(bytes[0x1A0..<0x1B0]))
        #expect(header.keySlotCount == 1)
        #expect(header.keySlots.isEmpty)
        #expect(try SEHeader.locate(in: bytes).header.bytes == Array(bytes.prefix(0x1B0)))
    }

    @Test("size 0x2000 is accepted when the bytes are there") func largestSize() throws {
        let bytes = patched(Self.header, at: 0x0C, width: 4, value: 0x2000) + Fixture.rep(0xab, 0x2000 - 0x280)
        let header = try SEHeader(parsing: bytes)
        #expect(header.size == 0x2000)
        #expect(header.tags.tag == Fixture.rep(0xab, 16))
        #expect(try SEHeader.locate(in: bytes).header.size == 0x2000)
    }

    @Test("nks larger than the slots that fit gives only the slots before the encrypted area") func nksTooLarge() throws {
        let header = try SEHeader(parsing: patched(Self.header, at: 0x20, width: 8, value: .max))
        #expect(header.keySlotCount == .max)
        // 0x1A0..<0x1F0 is the one real slot; the encrypted area (sea 0x80) starts at 0x1F0.
        #expect(header.keySlots.count == 1)
        #expect(header.keySlots.first?.bytes == Array(Self.header[0x1A0..<0x1F0]))
    }

    @Test("an encrypted-area size larger than the header leaves no room for key slots") func seaTooLarge() throws {
        let header = try SEHeader(parsing: patched(Self.header, at: 0x28, width: 8, value: .max))
        #expect(header.keySlots.isEmpty)
        #expect(header.tags.tag == Array(Self.header[0x270..<0x280]))
    }

    @Test("a truncated header is refused", arguments: [0x27F, 0x1B0, 0x1A0, 0x19F, 0x100, 8])
    func truncatedHeader(count: Int) {
        let bytes = Array(Self.header.prefix(count))
        expectFormatError(.truncated, mentioning: "invalid SE header") { () throws(FormatError) in try SEHeader(parsing: bytes) }
        expectFormatError(.truncated) { () throws(FormatError) in try SEHeader.locate(in: bytes) }
    }

    @Test("a header cut off at the end of an image is refused") func truncatedInImage() {
        let image = Array(Self.image(size: 0x13000, [(0x12000, Self.header)]).prefix(0x12000 + 0x200))
        expectFormatError(.truncated) { () throws(FormatError) in try SEHeader.locate(in: image) }
    }

    @Test("locate never traps on any prefix or single-byte change of the header fields") func robustness() {
        for count in 0..<Self.header.count {
            _ = try? SEHeader.locate(in: Array(Self.header.prefix(count)))
        }
        for offset in 0..<0x40 {
            for value: UInt8 in [0x00, 0x01, 0x7f, 0x80, 0xff] {
                let bytes = patched(Self.header, at: offset, byte: value)
                _ = try? SEHeader.locate(in: bytes)
                _ = try? SEHeader(parsing: bytes)
            }
        }
    }

    // MARK: - RandomAccessBytes

    /// A large image that holds only what is written into it and counts the bytes read.
    final class SparseImage: RandomAccessBytes {
        let count: Int
        let pages: [Int: [UInt8]]
        var bytesRead = 0

        init(count: Int, pages: [Int: [UInt8]]) {
            self.count = count
            self.pages = pages
        }

        func read(at offset: Int, count: Int) -> [UInt8]? {
            guard offset >= 0, count >= 0, offset <= self.count, count <= self.count - offset else { return nil }
            bytesRead += count
            var out = [UInt8](repeating: 0, count: count)
            for (start, bytes) in pages {
                let low = max(start, offset), high = min(start + bytes.count, offset + count)
                if low < high {
                    out.replaceSubrange((low - offset)..<(high - offset), with: bytes[(low - start)..<(high - start)])
                }
            }
            return out
        }
    }

    @Test("locating in a 1 GiB image reads only a few pages") func largeImage() throws {
        let image = SparseImage(count: 1 << 30, pages: [0xC000: Self.metadata(headerOffset: 0x2000_0000), 0x2000_0000: Self.header])
        let (header, location) = try SEHeader.locate(in: image)
        #expect(location.offset == 0x2000_0000)
        #expect(header.tags == Self.expectedTags)
        #expect(image.bytesRead < 0x1000)
    }

    @Test("[UInt8].read checks its bounds") func arrayRead() {
        let bytes: [UInt8] = Array(0..<16)
        #expect(bytes.read(at: 4, count: 4) == [4, 5, 6, 7])
        #expect(bytes.read(at: 16, count: 0) == [])
        #expect(bytes.read(at: 13, count: 4) == nil)
        #expect(bytes.read(at: -1, count: 1) == nil)
        #expect(bytes.read(at: 0, count: -1) == nil)
        #expect(bytes.read(at: .max, count: .max) == nil)
        #expect(bytes.read(at: 1, count: .max) == nil)
    }
}
