import Testing
@testable import SECore

@Suite struct ByteReaderTests {
    static let counting: [UInt8] = Array(0x01...0x0f)

    @Test("every integer width is read big-endian, in sequence") func readsEveryWidth() throws {
        var reader = ByteReader(Self.counting, context: "test")
        #expect(try reader.readU8() == 0x01)
        #expect(try reader.readU16() == 0x0203)
        #expect(try reader.readU32() == 0x0405_0607)
        #expect(try reader.readU64() == 0x0809_0a0b_0c0d_0e0f)
        #expect(reader.remaining == 0)
        #expect(reader.position == 15)
    }

    @Test("all-ones values keep their top bit") func readsMaximumValues() throws {
        var reader = ByteReader([UInt8](repeating: 0xff, count: 15), context: "test")
        #expect(try reader.readU8() == .max)
        #expect(try reader.readU16() == .max)
        #expect(try reader.readU32() == .max)
        #expect(try reader.readU64() == .max)
    }

    @Test("a short input throws .truncated for every width and does not move the cursor",
          arguments: [1, 2, 4, 8])
    func shortInputThrows(width: Int) {
        for available in 0..<width {
            var reader = ByteReader([UInt8](repeating: 0xaa, count: available), context: "widget")
            let error = expectFormatError(.truncated, mentioning: "widget") { () throws(FormatError) in
                switch width {
                case 1: _ = try reader.readU8()
                case 2: _ = try reader.readU16()
                case 4: _ = try reader.readU32()
                default: _ = try reader.readU64()
                }
            }
            #expect(error?.message.contains("needs \(width) more bytes") == true)
            #expect(reader.position == 0)
            #expect(reader.remaining == available)
        }
    }

    @Test("readBytes returns the next slice; zero bytes at the end is fine") func readBytes() throws {
        var reader = ByteReader(Self.counting, context: "test")
        try reader.skip(3)
        #expect(Array(try reader.readBytes(4)) == [0x04, 0x05, 0x06, 0x07])
        #expect(Array(try reader.readBytes(8)) == Array(0x08...0x0f))
        #expect(try reader.readBytes(0).isEmpty)
        expectFormatError(.truncated) { () throws(FormatError) in _ = try reader.readBytes(1) }
    }

    @Test("negative and huge counts are refused, not trapped") func absurdCounts() {
        var reader = ByteReader(Self.counting, context: "test")
        expectFormatError(.truncated) { () throws(FormatError) in _ = try reader.readBytes(-1) }
        expectFormatError(.truncated) { () throws(FormatError) in _ = try reader.readBytes(.max) }
        expectFormatError(.truncated) { () throws(FormatError) in try reader.skip(16) }
        #expect(reader.position == 0)
    }

    @Test("a slice is read from its own start; offsets in messages are relative to it") func readsSlice() throws {
        let bytes = Self.counting
        var reader = ByteReader(bytes[4...], context: "tail")
        #expect(reader.position == 4)
        #expect(reader.remaining == 11)
        #expect(try reader.readU32() == 0x0506_0708)
        try reader.skip(6)
        let error = expectFormatError(.truncated) { () throws(FormatError) in _ = try reader.readU16() }
        #expect(error?.message == "tail is truncated: needs 2 more bytes at offset 10, has 1")
    }

    @Test("bigEndianInteger reads in range and returns nil outside") func bigEndianInteger() {
        let bytes = Self.counting
        #expect(bytes.bigEndianInteger(at: 0, width: 2) == 0x0102)
        #expect(bytes.bigEndianInteger(at: 7, width: 8) == 0x0809_0a0b_0c0d_0e0f)
        #expect(bytes.bigEndianInteger(at: 15, width: 0) == 0)
        #expect(bytes.bigEndianInteger(at: 8, width: 8) == nil)
        #expect(bytes.bigEndianInteger(at: -1, width: 1) == nil)
        #expect(bytes.bigEndianInteger(at: 0, width: -1) == nil)
        #expect(bytes.bigEndianInteger(at: .max, width: 4) == nil)
        #expect(bytes[10...].bigEndianInteger(at: 0, width: 2) == 0x0b0c)
        #expect(bytes[10...].bigEndianInteger(at: 4, width: 2) == nil)
    }
}

@Suite struct FormatErrorTests {
    @Test("the description is the message; code and message identify the error") func description() {
        let error = FormatError(.badLength, "the CUID has an invalid size")
        #expect(error.description == "the CUID has an invalid size")
        #expect("\(error)" == "the CUID has an invalid size")
        #expect(error == FormatError(.badLength, "the CUID has an invalid size"))
        #expect(error != FormatError(.truncated, "the CUID has an invalid size"))
    }
}

@Suite struct ByteWriterTests {
    @Test("every integer width is written big-endian") func writesEveryWidth() {
        var writer = ByteWriter(capacity: 15)
        writer.append(UInt8(0x01))
        writer.append(UInt16(0x0203))
        writer.append(UInt32(0x0405_0607))
        writer.append(UInt64(0x0809_0a0b_0c0d_0e0f))
        #expect(writer.bytes == Array(0x01...0x0f))
    }

    @Test("zeros and raw bytes are appended as given") func appendsRawBytes() {
        var writer = ByteWriter()
        writer.appendZeros(3)
        writer.appendZeros(0)
        writer.append(contentsOf: [0xaa, 0xbb])
        writer.append(contentsOf: [UInt8](repeating: 0xcc, count: 4)[1...])
        #expect(writer.bytes == [0, 0, 0, 0xaa, 0xbb, 0xcc, 0xcc, 0xcc])
    }

    @Test("values written are read back unchanged",
          arguments: [UInt64.min, 1, 0x80, 0xff, 0x1234, 0x8000_0000, 0xdead_beef_cafe_f00d, .max])
    func roundTrip(value: UInt64) throws {
        var writer = ByteWriter()
        writer.append(UInt8(truncatingIfNeeded: value))
        writer.append(UInt16(truncatingIfNeeded: value))
        writer.append(UInt32(truncatingIfNeeded: value))
        writer.append(value)
        #expect(writer.bytes.count == 15)
        var reader = ByteReader(writer.bytes, context: "round trip")
        #expect(try reader.readU8() == UInt8(truncatingIfNeeded: value))
        #expect(try reader.readU16() == UInt16(truncatingIfNeeded: value))
        #expect(try reader.readU32() == UInt32(truncatingIfNeeded: value))
        #expect(try reader.readU64() == value)
    }
}
