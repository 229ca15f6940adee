import Foundation
import SETestSupport
import Testing

@Suite("extract-hdr")
struct ExtractHeaderTests {
    @Test("writes the header found through the SeImgLnx record or the page scan, byte for byte",
          arguments: ["derived/images/se_img_meta_0x14000.bin", "derived/images/se_img_scan_0x12000.bin", "pv/exp/secure_guest.hdr"])
    func extractsHeader(image: String) throws {
        try Scratch.with { scratch in
            let result = try runSEAttest(["extract-hdr", "@" + image, "-o", scratch.path("hdr.bin")])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(scratch.bytes("hdr.bin") == Fixture.bytes("pv/exp/secure_guest.hdr"))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("writes to standard output for -o -")
    func extractsToStandardOutput() throws {
        let result = try runSEAttest(["extract-hdr", "@derived/images/se_img_meta_0x14000.bin", "-o", "-"])
        #expect(result.status == 0)
        #expect(result.stdoutBytes == Fixture.bytes("pv/exp/secure_guest.hdr"))
    }

    @Test("reads an image from standard input")
    func extractsFromStandardInput() throws {
        try Scratch.with { scratch in
            let result = try runSEAttest(["extract-hdr", "-", "-o", scratch.path("hdr.bin")],
                                         stdin: Fixture.bytes("derived/images/se_img_scan_0x12000.bin"))
            #expect(result.status == 0)
            #expect(scratch.bytes("hdr.bin") == Fixture.bytes("pv/exp/secure_guest.hdr"))
        }
    }

    @Test("an image without a findable header is exit 1 and leaves no output",
          arguments: ["derived/images/se_img_meta_badoff_notfound.bin", "derived/images/se_img_scan_0x15000_notfound.bin",
                      "derived/images/se_hdr_unaligned_notfound.bin"])
    func headerNotFound(image: String) throws {
        try Scratch.with { scratch in
            let result = try runSEAttest(["extract-hdr", "@" + image, "-o", scratch.path("hdr.bin")])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("error: '\(Fixture.path(image))': invalid SE header provided"))
            #expect(scratch.bytes("hdr.bin") == nil)
            #expect(try scratch.listing().isEmpty)
        }
    }

    @Test("an existing output is untouched when no header is found")
    func existingOutputKept() throws {
        try Scratch.with { scratch in
            let output = try scratch.write(Array("keep".utf8), to: "hdr.bin")
            let result = try runSEAttest(["extract-hdr", "@derived/images/se_hdr_unaligned_notfound.bin", "-o", output])
            #expect(result.status == 1)
            #expect(scratch.text("hdr.bin") == "keep")
        }
    }
}
