import Testing
@testable import SECore
import SETestSupport

@Suite struct ExchangeFormatTests {
    static let requestFiles = [
        "pvattest/exchange/full_req.bin", "pvattest/exchange/add_req.bin", "pvattest/exchange/min_req.bin",
        "derived/e2e/req_phkh.bin", "derived/e2e/req_nonce_only.bin", "derived/e2e/req_all_flags.bin",
    ]
    static let responseFiles = [
        "pvattest/exchange/full_resp.bin", "pvattest/exchange/full.bin", "pvattest/exchange/add_resp.bin",
        "pvattest/exchange/user_resp.bin", "pvattest/exchange/min_resp.bin", "pv/exp/exchange.bin",
        "derived/e2e/resp_phkh.bin", "derived/e2e/resp_phkh_badmeas.bin", "derived/e2e/resp_nonce_only.bin",
        "derived/e2e/resp_all_flags.bin",
    ]
    static let minRequest = Fixture.bytes("pvattest/exchange/min_req.bin")
    static let minResponse = Fixture.bytes("pvattest/exchange/min_resp.bin")
    static let fullResponse = Fixture.bytes("pvattest/exchange/full_resp.bin")

    // MARK: - Round trips

    @Test("request files are read and written back byte for byte", arguments: requestFiles)
    func requestRoundTrip(file: String) throws {
        let bytes = Fixture.bytes(file)
        #expect(try ExchangeRequest(parsing: bytes).bytes == bytes)
    }

    @Test("response files are read and written back byte for byte", arguments: responseFiles)
    func responseRoundTrip(file: String) throws {
        let bytes = Fixture.bytes(file)
        #expect(try ExchangeResponse(parsing: bytes).bytes == bytes)
    }

    @Test("user_req.bin reads as a request; its user entry is ignored, so it writes back as min_req.bin")
    func userRequest() throws {
        let request = try ExchangeRequest(parsing: Fixture.bytes("pvattest/exchange/user_req.bin"))
        #expect(request.arcb == Fixture.rep(0x11, 16))
        #expect(request.measurementSize == 64)
        #expect(request.additionalDataSize == 0)
        #expect(request.bytes == Self.minRequest)
    }

    // MARK: - Header entries (vectors/README.md table)

    @Test("header entries of the pvattest files as size@offset", arguments: [
        ("pvattest/exchange/full_req.bin", 0x50, [(16, 0x40), (64, 0), (32, 0), (0, 0), (0, 0)]),
        ("pvattest/exchange/min_req.bin", 0x50, [(16, 0x40), (64, 0), (0, 0), (0, 0), (0, 0)]),
        ("pvattest/exchange/user_req.bin", 0x150, [(16, 0x40), (64, 0), (0, 0), (256, 0x50), (0, 0)]),
        ("pvattest/exchange/full_resp.bin", 0x1C0, [(16, 0x40), (64, 0x50), (32, 0x90), (256, 0xB0), (16, 0x1B0)]),
        ("pvattest/exchange/add_resp.bin", 0xC0, [(16, 0x40), (64, 0x50), (32, 0x90), (0, 0), (16, 0xB0)]),
        ("pvattest/exchange/user_resp.bin", 0x1A0, [(16, 0x40), (64, 0x50), (0, 0), (256, 0x90), (16, 0x190)]),
        ("pvattest/exchange/min_resp.bin", 0xA0, [(16, 0x40), (64, 0x50), (0, 0), (0, 0), (16, 0x90)]),
    ] as [(String, UInt32, [(UInt32, UInt32)])])
    func headerEntries(file: String, totalSize: UInt32, entries: [(UInt32, UInt32)]) throws {
        let bytes = Fixture.bytes(file)
        let header = try ExchangeHeader(parsing: bytes, kind: "test")
        #expect(header.totalSize == totalSize)
        #expect(Int(totalSize) == bytes.count)
        let parsed = [header.arcb, header.measurement, header.additionalData, header.userData, header.cuid]
        #expect(parsed.map(\.size) == entries.map(\.0))
        #expect(parsed.map(\.offset) == entries.map(\.1))
        #expect(header.bytes == Array(bytes.prefix(ExchangeHeader.size)))
    }

    @Test("format constants: magic 'pvattest', version 0x100, header 0x40, limits (Appendix A)") func constants() {
        #expect(ExchangeHeader.magic == hex("7076617474657374"))
        #expect(ExchangeHeader.version == 0x100)
        #expect(ExchangeHeader.size == 0x40)
        #expect(ExchangeLimits.maxRequestSize == 0x10_0000)
        #expect(ExchangeLimits.maxMeasurementSize == 0x8000)
        #expect(ExchangeLimits.maxAdditionalDataSize == 0x8000)
        #expect(ExchangeLimits.maxUserDataSize == 0x100)
        #expect(ExchangeLimits.cuidSize == 16)
    }

    // MARK: - Field values

    @Test("request field values (arcb rep(11,16), expected sizes)", arguments: [
        ("pvattest/exchange/full_req.bin", 32), ("pvattest/exchange/add_req.bin", 32), ("pvattest/exchange/min_req.bin", 0),
    ])
    func requestValues(file: String, additional: Int) throws {
        let request = try ExchangeRequest(parsing: Fixture.bytes(file))
        #expect(request.arcb == Fixture.rep(0x11, 16))
        #expect(request.measurementSize == 64)
        #expect(request.additionalDataSize == additional)
    }

    @Test("the writer produces full_req.bin and min_req.bin (known_answers exchange_format)") func requestWriter() {
        #expect(ExchangeRequest(arcb: Fixture.rep(0x11, 16), measurementSize: 64, additionalDataSize: 32).bytes
            == Fixture.bytes("pvattest/exchange/full_req.bin"))
        #expect(ExchangeRequest(arcb: Fixture.rep(0x11, 16), measurementSize: 64, additionalDataSize: 0).bytes
            == Self.minRequest)
        #expect(ExchangeRequest(arcb: Fixture.rep(0x11, 16), measurementSize: 64, additionalDataSize: 32).bytes == hex("""
            70766174 74657374 00000100 00000050  00000000 00000000 00000010 00000040
            00000040 00000000 00000020 00000000  00000000 00000000 00000000 00000000
            """) + Fixture.rep(0x11, 16))
    }

    @Test("derived requests wrap their ARCB with the flag-implied sizes", arguments: [
        ("derived/e2e/req_phkh.bin", "pv/exp/arcb.bin", 64),
        ("derived/e2e/req_nonce_only.bin", "derived/e2e/arcb_nonce_only.bin", 0),
        ("derived/e2e/req_all_flags.bin", "derived/e2e/arcb_all_flags.bin", 448),
    ])
    func derivedRequests(file: String, arcbFile: String, additional: Int) throws {
        let request = try ExchangeRequest(parsing: Fixture.bytes(file))
        #expect(request.arcb == Fixture.bytes(arcbFile))
        #expect(request.measurementSize == 64)
        #expect(request.additionalDataSize == additional)
        let arcb = try AttestationRequest(parsing: request.arcb)
        #expect(arcb.flags.additionalDataSize == additional)
    }

    @Test("response field values of the pvattest files", arguments: [
        ("pvattest/exchange/full_resp.bin", true, true), ("pvattest/exchange/full.bin", true, true),
        ("pvattest/exchange/add_resp.bin", true, false), ("pvattest/exchange/user_resp.bin", false, true),
        ("pvattest/exchange/min_resp.bin", false, false),
    ])
    func responseValues(file: String, hasAdditional: Bool, hasUser: Bool) throws {
        let response = try ExchangeResponse(parsing: Fixture.bytes(file))
        #expect(response.arcb == Fixture.rep(0x11, 16))
        #expect(response.measurement == Fixture.rep(0x12, 64))
        #expect(response.additionalData == (hasAdditional ? Fixture.rep(0x13, 32) : nil))
        #expect(response.userData == (hasUser ? Fixture.rep(0x15, 256) : nil))
        #expect(response.cuid == Fixture.rep(0x14, 16))
    }

    @Test("the writer produces the pvattest response files") func responseWriter() {
        let arcb = Fixture.rep(0x11, 16), measurement = Fixture.rep(0x12, 64), cuid = Fixture.rep(0x14, 16)
        let additional = Fixture.rep(0x13, 32), user = Fixture.rep(0x15, 256)
        func written(_ additionalData: [UInt8]?, _ userData: [UInt8]?) -> [UInt8] {
            ExchangeResponse(arcb: arcb, measurement: measurement, additionalData: additionalData, userData: userData, cuid: cuid).bytes
        }
        #expect(written(additional, user) == Self.fullResponse)
        #expect(written(additional, nil) == Fixture.bytes("pvattest/exchange/add_resp.bin"))
        #expect(written(nil, user) == Fixture.bytes("pvattest/exchange/user_resp.bin"))
        #expect(written(nil, nil) == Self.minResponse)
        #expect(Self.fullResponse.count == 0x1C0)
    }

    @Test("pv/exp/exchange.bin: user data is rep(13,256)") func pvExchange() throws {
        let response = try ExchangeResponse(parsing: Fixture.bytes("pv/exp/exchange.bin"))
        #expect(response.arcb == Fixture.rep(0x11, 16))
        #expect(response.measurement == Fixture.rep(0x12, 64))
        #expect(response.additionalData == Fixture.rep(0x13, 32))
        #expect(response.userData == Fixture.rep(0x13, 256))
        #expect(response.cuid == Fixture.rep(0x14, 16))
    }

    @Test("derived resp_phkh: ARCB, 37 bytes of user data, two phkhs, measurement, CUID") func derivedPHKHResponse() throws {
        let response = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_phkh.bin"))
        let expected = DerivedExpectations.e2e("phkh")
        #expect(response.arcb == Fixture.bytes("pv/exp/arcb.bin"))
        #expect(response.userData == Array(0x30...0x54))
        #expect(response.userData == hex(expected["user_data"] as? String ?? ""))
        #expect(response.additionalData == Known.phkhPVHost + Known.phkhPVHost)
        #expect(response.measurement == hex(expected["measurement"] as? String ?? ""))
        #expect(response.cuid == DerivedExpectations.common("cuid"))
        let bad = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_phkh_badmeas.bin"))
        #expect(Array(bad.measurement.dropLast()) == Array(response.measurement.dropLast()))
        #expect(bad.measurement.last == (response.measurement.last ?? 0) ^ 1)
    }

    @Test("derived resp_all_flags and resp_nonce_only") func derivedResponses() throws {
        let all = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_all_flags.bin"))
        #expect(all.arcb == Fixture.bytes("derived/e2e/arcb_all_flags.bin"))
        #expect(all.additionalData?.count == 448)
        #expect(all.userData == nil)
        #expect(all.measurement == hex(DerivedExpectations.e2e("all_flags")["measurement"] as? String ?? ""))
        #expect(all.cuid == DerivedExpectations.common("cuid"))
        let nonce = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_nonce_only.bin"))
        #expect(nonce.arcb == Fixture.bytes("derived/e2e/arcb_nonce_only.bin"))
        #expect(nonce.additionalData == nil)
        #expect(nonce.userData == nil)
        #expect(nonce.measurement == hex(DerivedExpectations.e2e("nonce_only")["measurement"] as? String ?? ""))
    }

    @Test("a response also reads as a request (its measurement and additional entries give the sizes)")
    func responseReadsAsRequest() throws {
        let request = try ExchangeRequest(parsing: Self.fullResponse)
        #expect(request.arcb == Fixture.rep(0x11, 16))
        #expect(request.measurementSize == 64)
        #expect(request.additionalDataSize == 32)
    }

    @Test("an empty blob is written as {0, offset} and reads back as absent (docs/formats.md §8.5 note)") func emptyBlobs() throws {
        let bytes = ExchangeResponse(
            arcb: Fixture.rep(0x11, 16), measurement: Fixture.rep(0x12, 64), additionalData: [], userData: [],
            cuid: Fixture.rep(0x14, 16)).bytes
        #expect(bytes.count == 0xA0)
        #expect(Array(bytes[0x28..<0x38]) == hex("00000000 00000090 00000000 00000090"))
        #expect(Array(bytes[0x38..<0x40]) == hex("00000010 00000090"))
        let response = try ExchangeResponse(parsing: bytes)
        #expect(response.additionalData == nil)
        #expect(response.userData == nil)
        #expect(response.bytes == Self.minResponse)
    }

    // MARK: - Negative cases of vectors/README.md

    @Test("min_req.bin read as a response: no measurement") func requestAsResponse() {
        expectFormatError(.missing, mentioning: "measurement missing") { () throws(FormatError) in
            try ExchangeResponse(parsing: Self.minRequest)
        }
        expectFormatError(.missing) { () throws(FormatError) in
            try ExchangeResponse(parsing: Fixture.bytes("pvattest/exchange/user_req.bin"))
        }
    }

    @Test("inverted first byte: bad magic, as request and as response") func invertedMagic() {
        let bytes = patched(Self.minRequest, at: 0, byte: ~Self.minRequest[0])
        expectFormatError(.badMagic, mentioning: "pvattest") { () throws(FormatError) in try ExchangeRequest(parsing: bytes) }
        expectFormatError(.badMagic) { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.minResponse, at: 0, byte: ~Self.minResponse[0]))
        }
    }

    @Test("zeroed ARCB entry: no attestation request") func zeroedARCBEntry() {
        let bytes = patched(Self.minRequest, at: 0x18, width: 8, value: 0)
        expectFormatError(.missing, mentioning: "no attestation request") { () throws(FormatError) in try ExchangeRequest(parsing: bytes) }
        expectFormatError(.missing, mentioning: "no attestation request") { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.minResponse, at: 0x18, width: 8, value: 0))
        }
    }

    @Test("an ARCB entry with a size but offset 0 holds no request") func sizeOnlyARCBEntry() {
        expectFormatError(.missing) { () throws(FormatError) in
            try ExchangeRequest(parsing: patched(Self.minRequest, at: 0x1C, width: 4, value: 0))
        }
    }

    @Test("last byte removed: file smaller than its size field") func lastByteRemoved() {
        expectFormatError(.badLength, mentioning: "file size too small") { () throws(FormatError) in
            try ExchangeRequest(parsing: Array(Self.minRequest.dropLast()))
        }
        expectFormatError(.badLength) { () throws(FormatError) in try ExchangeResponse(parsing: Array(Self.minResponse.dropLast())) }
    }

    @Test("version byte 0xff: unsupported version") func badVersion() {
        expectFormatError(.unsupportedVersion, mentioning: "unsupported version") { () throws(FormatError) in
            try ExchangeRequest(parsing: patched(Self.minRequest, at: 0x08, byte: 0xff))
        }
        expectFormatError(.unsupportedVersion) { () throws(FormatError) in
            try ExchangeRequest(parsing: patched(Self.minRequest, at: 0x08, width: 4, value: 0x200))
        }
    }

    @Test("a 12-byte buffer (magic and four bytes) has no header") func twelveBytes() {
        let bytes = hex("7076617474657374 01020304")
        #expect(bytes.count == 12)
        expectFormatError(.truncated, mentioning: "invalid header") { () throws(FormatError) in try ExchangeRequest(parsing: bytes) }
        expectFormatError(.truncated) { () throws(FormatError) in try ExchangeResponse(parsing: bytes) }
        expectFormatError(.truncated) { () throws(FormatError) in try ExchangeRequest(parsing: Array(Self.minRequest.prefix(63))) }
        expectFormatError(.truncated) { () throws(FormatError) in try ExchangeRequest(parsing: []) }
    }

    @Test("a CUID of 15 bytes is refused") func cuidOf15Bytes() {
        expectFormatError(.badLength, mentioning: "is 15") { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.minResponse, at: 0x3b, byte: 0x0f))
        }
        expectFormatError(.badLength) { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.minResponse, at: 0x3b, byte: 0x11))
        }
    }

    @Test("a response without CUID data is refused") func missingCUID() {
        expectFormatError(.missing, mentioning: "CUID missing") { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.minResponse, at: 0x3C, width: 4, value: 0))
        }
        expectFormatError(.missing, mentioning: "CUID missing") { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.minResponse, at: 0x38, width: 8, value: 0))
        }
    }

    @Test("an expected measurement size of 0 is refused") func measurementSizeZero() {
        let bytes = ExchangeRequest(arcb: Fixture.rep(0x11, 16), measurementSize: 0, additionalDataSize: 0).bytes
        expectFormatError(.invalidValue, mentioning: "too small") { () throws(FormatError) in try ExchangeRequest(parsing: bytes) }
    }

    // MARK: - Entries that lie

    @Test("entries pointing outside the file are refused", arguments: [
        (0x24, UInt64(0x91)),        // measurement offset: 64 bytes at 0x91 end one past the file
        (0x3C, 0x91),                // CUID offset past the end
        (0x3C, 0xFFFF_FFFF),         // CUID offset 0xFFFFFFFF
        (0x1C, 0xFFFF_FFFF),         // ARCB offset 0xFFFFFFFF
        (0x18, 0x0000_0100),         // ARCB size 256 at 0x40 runs past 0xA0
    ])
    func entryOutsideFile(field: Int, value: UInt64) {
        expectFormatError(.badLength, mentioning: "outside the file") { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.minResponse, at: field, width: 4, value: value))
        }
    }

    @Test("offset + size overflowing 32 bits is refused") func offsetPlusSizeOverflow() {
        var bytes = patched(Self.fullResponse, at: 0x30, width: 4, value: 0x80)            // user: 128 bytes
        bytes = patched(bytes, at: 0x34, width: 4, value: 0xFFFF_FFF0)                    // at 0xFFFFFFF0
        expectFormatError(.badLength, mentioning: "outside the file") { () throws(FormatError) in try ExchangeResponse(parsing: bytes) }
        let request = patched(patched(Self.minRequest, at: 0x18, width: 4, value: 0x10), at: 0x1C, width: 4, value: 0xFFFF_FFF8)
        expectFormatError(.badLength, mentioning: "outside the file") { () throws(FormatError) in try ExchangeRequest(parsing: request) }
    }

    @Test("an entry whose size and offset are both 0xFFFFFFFF is refused as too large") func allOnesEntry() {
        for field in [0x18, 0x20, 0x28, 0x30] {
            expectFormatError(.badLength, mentioning: "too large") { () throws(FormatError) in
                try ExchangeResponse(parsing: patched(Self.fullResponse, at: field, width: 8, value: .max))
            }
        }
    }

    @Test("request entries with data must lie inside the file too") func requestDataEntries() throws {
        let measurementData = patched(Self.minRequest, at: 0x24, width: 4, value: 0x50)    // 64 bytes at 0x50 of 80
        expectFormatError(.badLength, mentioning: "outside the file") { () throws(FormatError) in try ExchangeRequest(parsing: measurementData) }
        // 16 bytes at 0x40 (overlapping the ARCB) lie inside: accepted, the size is the blob's.
        let additionalData = patched(patched(Self.minRequest, at: 0x28, width: 4, value: 16), at: 0x2C, width: 4, value: 0x40)
        #expect(try ExchangeRequest(parsing: additionalData).additionalDataSize == 16)
        let outside = patched(additionalData, at: 0x2C, width: 4, value: 0x41)
        expectFormatError(.badLength, mentioning: "outside the file") { () throws(FormatError) in try ExchangeRequest(parsing: outside) }
    }

    @Test("oversized blobs are refused by their limit before their bounds are looked at", arguments: [
        (0x30, UInt64(0x101), "user data"),
        (0x28, 0x8001, "additional data"),
        (0x20, 0x8001, "measurement"),
        (0x18, 0x10_0001, "attestation request"),
    ])
    func oversizedBlobs(sizeField: Int, size: UInt64, name: String) {
        // The blob would also run past the end of the 448-byte file: the limit must be reported.
        let error = expectFormatError(.badLength, mentioning: "too large") { () throws(FormatError) in
            try ExchangeResponse(parsing: patched(Self.fullResponse, at: sizeField, width: 4, value: size))
        }
        #expect(error?.message.contains(name) == true)
        #expect(error?.message.contains("\(size)") == true)
    }

    @Test("blobs at their limits are accepted") func blobsAtLimits() throws {
        let user = Fixture.rep(0x15, 0x100), additional = Fixture.rep(0x13, 0x8000), measurement = Fixture.rep(0x12, 0x8000)
        let bytes = ExchangeResponse(arcb: Fixture.rep(0x11, 16), measurement: measurement, additionalData: additional,
                                     userData: user, cuid: Fixture.rep(0x14, 16)).bytes
        let response = try ExchangeResponse(parsing: bytes)
        #expect(response.userData == user)
        #expect(response.additionalData == additional)
        #expect(response.measurement == measurement)
    }

    @Test("expected sizes above 0x8000 are refused in requests; 0x8000 is accepted") func requestSizeLimits() throws {
        expectFormatError(.badLength, mentioning: "too large") { () throws(FormatError) in
            try ExchangeRequest(parsing: patched(Self.minRequest, at: 0x20, width: 4, value: 0x8001))
        }
        expectFormatError(.badLength, mentioning: "too large") { () throws(FormatError) in
            try ExchangeRequest(parsing: patched(Self.minRequest, at: 0x28, width: 4, value: 0x8001))
        }
        let request = try ExchangeRequest(parsing: patched(patched(Self.minRequest, at: 0x20, width: 4, value: 0x8000), at: 0x28, width: 4, value: 0x8000))
        #expect(request.measurementSize == 0x8000)
        #expect(request.additionalDataSize == 0x8000)
        expectFormatError(.badLength, mentioning: "too large") { () throws(FormatError) in
            try ExchangeRequest(parsing: patched(Self.minRequest, at: 0x18, width: 4, value: 0x10_0001))
        }
    }

    @Test("an ARCB of exactly 0x100000 bytes is accepted") func largestARCB() throws {
        let arcb = Fixture.rep(0x11, 0x10_0000)
        let bytes = ExchangeRequest(arcb: arcb, measurementSize: 64, additionalDataSize: 0).bytes
        #expect(try ExchangeRequest(parsing: bytes).arcb.count == 0x10_0000)
    }

    // MARK: - Tolerated layouts

    @Test("blobs in non-canonical order are located through the entries") func nonCanonicalOrder() throws {
        // CUID, user, additional, measurement, ARCB — the reverse of what perform writes.
        let cuid = Fixture.rep(0x14, 16), user = Fixture.rep(0x15, 256), additional = Fixture.rep(0x13, 32)
        let measurement = Fixture.rep(0x12, 64), arcb = Fixture.rep(0x11, 16)
        var writer = ByteWriter()
        writer.append(contentsOf: Array("pvattest".utf8))
        writer.append(UInt32(0x100))
        writer.append(UInt32(0x1C0))
        writer.appendZeros(8)
        for (size, offset) in [(16, 0x1B0), (64, 0x170), (32, 0x150), (256, 0x50), (16, 0x40)] as [(UInt32, UInt32)] {
            writer.append(size)
            writer.append(offset)
        }
        writer.append(contentsOf: cuid + user + additional + measurement + arcb)
        let response = try ExchangeResponse(parsing: writer.bytes)
        #expect(response.arcb == arcb)
        #expect(response.measurement == measurement)
        #expect(response.additionalData == additional)
        #expect(response.userData == user)
        #expect(response.cuid == cuid)
        #expect(response.bytes == Self.fullResponse)
    }

    @Test("trailing bytes after the declared size are accepted") func trailingBytes() throws {
        let response = try ExchangeResponse(parsing: Self.fullResponse + Fixture.rep(0xee, 100))
        #expect(response.bytes == Self.fullResponse)
        let request = try ExchangeRequest(parsing: Self.minRequest + [0xee])
        #expect(request.bytes == Self.minRequest)
    }

    @Test("a size field smaller than the file is accepted (it is only a lower bound)") func smallSizeField() throws {
        let response = try ExchangeResponse(parsing: patched(Self.fullResponse, at: 0x0C, width: 4, value: 0x40))
        #expect(response.cuid == Fixture.rep(0x14, 16))
    }

    @Test("size-only additional and user entries in a response are absent") func sizeOnlyEntriesInResponse() throws {
        var bytes = patched(Self.fullResponse, at: 0x2C, width: 4, value: 0)
        bytes = patched(bytes, at: 0x34, width: 4, value: 0)
        let response = try ExchangeResponse(parsing: bytes)
        #expect(response.additionalData == nil)
        #expect(response.userData == nil)
    }

    @Test("the exchange readers never trap on any prefix or single-byte change of full_resp.bin") func robustness() {
        for count in 0..<Self.fullResponse.count {
            let prefix = Array(Self.fullResponse.prefix(count))
            _ = try? ExchangeResponse(parsing: prefix)
            _ = try? ExchangeRequest(parsing: prefix)
        }
        for offset in 0..<0x40 {
            for value: UInt8 in [0x00, 0x01, 0x7f, 0x80, 0xff] {
                let bytes = patched(Self.fullResponse, at: offset, byte: value)
                _ = try? ExchangeResponse(parsing: bytes)
                _ = try? ExchangeRequest(parsing: bytes)
            }
        }
    }
}
