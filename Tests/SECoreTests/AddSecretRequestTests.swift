import Testing
@testable import SECore
import SETestSupport

@Suite struct AddSecretRequestTests {
    /// The nine requests in the order of known_answers secret_store_hash.
    static let files: [String] = {
        let inputs = KnownAnswers.vector("secret_store_hash")["inputs"] as? [String: Any]
        return inputs?["asrcb_files_in_order"] as? [String] ?? []
    }()
    static let sample = Fixture.bytes("pv/exp/asrcb/null_none_default_cuid_one")

    @Test("the nine pv/exp/asrcb requests are listed; the magic is 'asrcbM'") func nineFiles() {
        #expect(Self.files.count == 9)
        #expect(AddSecretRequest.magic == hex("61737263624d"))
        #expect(AddSecretRequest.maxUserDataType == 4)
    }

    @Test("each request parses; its tag is the last 16 bytes", arguments: files)
    func parses(file: String) throws {
        let bytes = Fixture.bytes(file)
        let request = try AddSecretRequest(parsing: bytes)
        #expect(request.tag == Array(bytes.suffix(16)))
        #expect(request.userDataType == 0)
        #expect(request.version == 0x100)
        #expect(Array(bytes.prefix(6)) == Array("asrcbM".utf8))
        #expect(bytes.bigEndianInteger(at: 0x0C, width: 4) == UInt64(bytes.count))
    }

    @Test("golden tags of two requests") func goldenTags() throws {
        #expect(try AddSecretRequest(parsing: Self.sample).tag == hex("04e2c301200abaf71117ac30b972a70c"))
        #expect(try AddSecretRequest(parsing: Fixture.bytes("pv/exp/asrcb/null_none_default_cuid_seven")).tag
            == hex("5ea37a9e1120360598dee2ad3ec232ab"))
    }

    @Test("user-data types 1 to 4 are accepted (the request is not decrypted)", arguments: [UInt64(1), 2, 3, 4])
    func supportedUserDataTypes(type: UInt64) throws {
        let request = try AddSecretRequest(parsing: patched(Self.sample, at: 6, width: 2, value: type))
        #expect(request.userDataType == UInt16(type))
    }

    @Test("user-data type 5 and above are refused", arguments: [UInt64(5), 0x100, 0xFFFF])
    func unsupportedUserDataType(type: UInt64) {
        expectFormatError(.invalidValue, mentioning: "user-data type \(type)") { () throws(FormatError) in
            try AddSecretRequest(parsing: patched(Self.sample, at: 6, width: 2, value: type))
        }
    }

    @Test("a wrong magic is not an add-secret request", arguments: [0, 3, 5])
    func wrongMagic(offset: Int) {
        expectFormatError(.badMagic, mentioning: "add-secret request") { () throws(FormatError) in
            try AddSecretRequest(parsing: patched(Self.sample, at: offset, byte: Self.sample[offset] ^ 0x20))
        }
    }

    @Test("an attestation request is not an add-secret request") func arcbRefused() {
        expectFormatError(.badMagic) { () throws(FormatError) in try AddSecretRequest(parsing: Fixture.bytes("pv/exp/arcb.bin")) }
    }

    @Test("the version is not checked") func versionIgnored() throws {
        let request = try AddSecretRequest(parsing: patched(Self.sample, at: 0x08, width: 4, value: 0x200))
        #expect(request.version == 0x200)
    }

    @Test("length fields that lie are refused") func lyingLengths() {
        let count = UInt64(Self.sample.count)
        for rql in [count - 1, count + 1, 0, 0xFFFF_FFFF] {
            expectFormatError(.badLength) { () throws(FormatError) in
                try AddSecretRequest(parsing: patched(Self.sample, at: 0x0C, width: 4, value: rql))
            }
        }
        for sea in [count - 16 - 47, count, 0xFFFF_FFFF] {
            expectFormatError(.badLength, mentioning: "binary request too small") { () throws(FormatError) in
                try AddSecretRequest(parsing: patched(Self.sample, at: 0x2C, width: 4, value: sea))
            }
        }
    }

    @Test("a truncated or extended request is refused") func truncatedOrExtended() {
        expectFormatError(.badLength) { () throws(FormatError) in try AddSecretRequest(parsing: Array(Self.sample.dropLast())) }
        expectFormatError(.badLength) { () throws(FormatError) in try AddSecretRequest(parsing: Self.sample + [0]) }
        expectFormatError(.truncated) { () throws(FormatError) in try AddSecretRequest(parsing: Array(Self.sample.prefix(47))) }
        expectFormatError(.badMagic) { () throws(FormatError) in try AddSecretRequest(parsing: Array(Self.sample.prefix(7))) }
        expectFormatError(.badMagic) { () throws(FormatError) in try AddSecretRequest(parsing: []) }
    }
}
