import Foundation
import SECore
import SECrypto
import SETestSupport
import Testing
@testable import SEAttestCLI

/// Hostile strings (file names, the firmware service's reply) through every YAML and JSON output
/// of the built binary, read back with PyYAML and jq and compared scalar by scalar with the
/// document the command meant to write; and through the terminal, where they stay visible and
/// on one line.
@Suite("hostile text in outputs and on the terminal")
struct HostileTextTests {
    static let formats = ["yaml", "json"]
    static let allFlags = Fixture.path("derived/e2e/resp_all_flags.bin")

    /// The output in `format`, read back by the parser for that format.
    private func parsedBack(_ output: [UInt8]?, format: String) throws -> String {
        let output = try #require(output, "no output was written")
        return format == "yaml" ? try ParseBack.yaml(output) : try ParseBack.json(output)
    }

    /// File names a path can carry (no NUL, no '/', no ',' which splits option lists), each
    /// starting with a character YAML gives a meaning to.
    static let secretNames = [
        "-new\nline", "?tab\tx", "*esc\u{1B}[31m", "&quote's", "!double\"quote", "|colon: hash #x", ">back\\slash", "%c1\u{85}\u{7F}",
        "@é ü 😀\u{2028}\u{202E}",
    ]
    static let attestName = "\\"
    static let imageNames = ["\r", "#", " spaces ", "[flow]", "{map}", "true", "`\u{FEFF}"]

    @Test("check: file names in the result read back exactly", arguments: formats)
    func checkFileNames(format: String) throws {
        try Scratch.with { scratch in
            let requests = SecretStoreVectors.requests
            for (name, request) in zip(Self.secretNames, requests) {
                try scratch.write(Fixture.bytes(request), to: name)
            }
            try scratch.write(Fixture.bytes("pvattest/host.pem.crt"), to: Self.attestName)
            // One run per image document: each name must come back as the matching document.
            for name in Self.imageNames {
                try scratch.write(Fixture.bytes("pv/keys/host.pem.crt"), to: name)
                // Attached values (`-kNAME`, `--secret=NAME`), so a name that starts with '-' is not an option.
                let run = try scratch.run(["check", Self.allFlags, "result", "--format", format, "--secret-store-locked", "true"]
                    + Self.secretNames.map { "--secret=\($0)" } + [name, Self.attestName].map { "-k\($0)" })
                #expect(run.status == 0, "\(run.stderr)")
                let expected = CheckReport(imageHostKey: HostKeyMatch(enforced: false, path: name),
                                           attestationHostKey: HostKeyMatch(enforced: false, path: Self.attestName),
                                           secretStore: SecretStoreMatch(requests: Self.secretNames, locked: true))
                #expect(try parsedBack(scratch.bytes("result"), format: format) == ParseBack.canonical(expected.document))
            }
        }
    }

    /// The reply's strings hold what no path can: NUL, a lone surrogate (read as U+FFFD).
    static let firmwareReply = #"{"valid":false,"reason":"nul\u0000 esc\u001b[2J nl\n tab\t q' dq\" c: #h \\ \u007f\u0085\u2028 é😀","referenceId":"-ref\ud800 ?*&"}"#
    static let firmwareIssue = "The firmware is not in a valid state (Reason: nul\0 esc\u{1B}[2J nl\n tab\t q' dq\" c: #h \\ \u{7F}\u{85}\u{2028} é😀; ReferenceId: -ref\u{FFFD} ?*&)"

    @Test("check --firmware: the service's reason and referenceId read back exactly, and show escaped on one line", arguments: formats)
    func firmwareStrings(format: String) throws {
        let server = try LoopbackHTTPServer(["hmrs": .reply(status: "200 OK", body: Array(Self.firmwareReply.utf8))])
        defer { server.stop() }
        try Scratch.with { scratch in
            let run = try scratch.run(["check", Self.allFlags, "result", "--format", format, "--firmware",
                                       "--firmware-verify-url", server.origin])
            #expect(run.status == 2, "\(run.stderr)")
            let expected = CheckReport(issues: [Self.firmwareIssue], validFirmware: false)
            #expect(try parsedBack(scratch.bytes("result"), format: format) == ParseBack.canonical(expected.document))
            // Other lines may come and go (warnings); this one must be there, escaped, whole.
            let lines = run.stderr.split(separator: "\n").map(String.init)
            #expect(lines.contains("""
                ✘ The firmware is not in a valid state (Reason: nul\\0 esc\\e[2J nl\\n tab\\t q' dq" c: #h \\\\ \\x7f\\x85\\u2028 é😀; \
                ReferenceId: -ref\u{FFFD} ?*&)
                """), "\(run.stderr)")
            #expect(!run.stderrBytes.contains(0x1B) && !run.stderrBytes.contains(0))
        }
    }

    @Test("verify: the result, written to a hostile name, reads back as the report", arguments: formats)
    func verifyResult(format: String) throws {
        let bytes = Fixture.bytes("derived/e2e/resp_all_flags.bin")
        let response = try ExchangeResponse(parsing: bytes)
        let flags = try AttestationRequest(parsing: response.arcb).flags
        let expected = VerificationReport(
            cuid: response.cuid, additionalData: response.additionalData,
            fields: try response.additionalData.map { try AdditionalData(splitting: $0, flags: flags) }, userData: response.userData)
        try Scratch.with { scratch in
            let name = "-out\n'\u{1B}: #.\(format)"
            let run = try scratch.run(["verify", "-i", Self.allFlags, "--hdr", Fixture.path("pv/exp/secure_guest.hdr"),
                                       "-a", Fixture.path("derived/e2e/arpk.bin"), "--format", format, "-o\(name)"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try parsedBack(scratch.bytes(name), format: format) == ParseBack.canonical(expected.document))
        }
    }

    @Test("inspect: a certificate subject full of quotes, backslashes and escapes reads back exactly", arguments: formats)
    func inspectSubject(format: String) throws {
        try Scratch.with { scratch in
            let key = scratch.path("key.pem")
            let subject = "/CN=-a'b\"c: #d\\\\e\u{1B}[31mf\ng é😀\u{202E}/O=?*&"
            let openssl = try runTool(URL(fileURLWithPath: "/usr/bin/env"), [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp521r1", "-nodes", "-keyout", key,
                "-days", "1", "-utf8", "-subj", subject, "-out", scratch.path("cert.pem"),
            ])
            try #require(openssl.status == 0, "\(openssl.output)")
            let certificate = try #require(try Certificate.loadAll(from: scratch.bytes("cert.pem") ?? []).first)
            let run = try scratch.run(["inspect", "cert.pem", "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try parsedBack(run.stdoutBytes, format: format)
                == ParseBack.canonical(InspectReport.hostKeyDocument(certificate, count: 1)))
        }
    }

    @Test("an error line naming a file with ESC and newline shows them escaped and stays one line")
    func terminalErrorLine() throws {
        try Scratch.with { scratch in
            let run = try scratch.run(["verify", "-i", "gone\u{1B}[2J\nfake: x", "--hdr", "h", "-a", "a"])
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("error: 'gone\\e[2J\\nfake: x': "), "\(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1 && run.stderr.hasSuffix("\n"), "\(run.stderr)")
            #expect(!run.stderrBytes.contains(0x1B))
        }
    }

    @Test("a -v line echoing a matched host-key document's name shows it escaped")
    func terminalInfoLine() throws {
        try Scratch.with { scratch in
            let name = "hkd\u{1B}]0;title\u{07}\n"
            try scratch.write(Fixture.bytes("pvattest/host.pem.crt"), to: name)
            let run = try scratch.run(["-v", "check", Self.allFlags, "result", "-k", name, "-k", Fixture.path("pv/keys/host.pem.crt")])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stderr.split(separator: "\n").map(String.init)
            #expect(lines.contains("✓ Checked attestation public host-key hash: 'hkd\\e]0;title\\x07\\n' matches"), "\(run.stderr)")
            #expect(!run.stderrBytes.contains(0x1B) && !run.stderrBytes.contains(0x07))
        }
    }

    @Test("a usage error echoing an unknown command shows it escaped")
    func usageErrorLine() throws {
        let run = try SEAttestBinary.run(["verfy\u{1B}[2J\n"])
        #expect(run.status == 1)
        let first = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        #expect(first.hasPrefix("error: unknown command 'verfy\\e[2J\\n'"), "\(run.stderr)")
        #expect(!run.stderrBytes.contains(0x1B))
    }

    @Test("help, man page and README document the same escapes")
    func documented() throws {
        #expect(HelpText.text(for: nil).contains("(\\n, \\t, \\e, \\0, \\xHH, \\uHHHH; a backslash as \\\\)"))
        let man = try String(contentsOf: repositoryRoot.appendingPathComponent("man/se-attest.1"), encoding: .utf8)
        for escape in ["\\en", "\\et", "\\er", "\\e0", "\\ee", "\\exHH", "\\euHHHH", "\\eUHHHHHHHH", "\\e\\e"] {
            #expect(man.contains(".Ql \(escape)"), "\(escape)")
        }
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("is shown as `'a\\e[2J\\nb'`"))
    }
}
