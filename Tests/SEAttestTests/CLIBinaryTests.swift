import Foundation
import SECrypto
import Testing
import SETestSupport
@testable import SEAttestCLI

/// The revision scripts/source-revision recorded for this build, "" when it recorded none.
private func recordedRevision() throws -> String {
    let header = repositoryRoot.appendingPathComponent("Sources/CSEBuildInfo/source_revision.h")
    guard let data = FileManager.default.contents(atPath: header.path) else { return "" }
    let text = String(decoding: data, as: UTF8.self)
    let quoted = text.split(separator: "\"")
    return try #require(quoted.count == 3 ? String(quoted[1]) : nil, "unexpected \(header.path): \(text)")
}

/// One spelling for each kind of usage error, run through the built binary.
private let usageErrors: [[String]] = [
    ["-v"],
    ["frob"],
    ["create", "--bogus"],
    ["create", "-o"],
    ["check", "in", "out", "--firmware=yes"],
    ["verify", "--format", "xml", "-i", "r", "--hdr", "h", "-a", "k"],
    ["create", "-k", "a,,b", "--no-verify", "-o", "r", "-a", "k"],
    ["verify", "-o", "a", "-o", "b", "-i", "r", "--hdr", "h", "-a", "k"],
    ["verify", "-i", "r", "-a", "k"],
    ["create", "-k", "h", "-o", "r", "-a", "k"],
    ["create", "-k", "h", "--crl", "c", "--no-verify", "-o", "r", "-a", "k"],
    ["inspect", "f", "-v", "-q"],
    ["perform", "a", "b", "c"],
    ["perform", "--simulate", "req", "resp"],
    ["check", "i", "o", "--secret", "s"],
    ["verify", "-i", "r", "--hdr", "h", "-a", "-"],
    ["help", "frob"],
    ["version", "extra"],
]

@Suite("CLI: help, version and usage errors of the built binary")
struct CLIBinaryTests {
    @Test("--help, -h and help print the program's help on stdout, exit 0",
          arguments: [["--help"], ["-h"], ["help"], ["-v", "--help"]])
    func programHelp(arguments: [String]) throws {
        let result = try SEAttestBinary.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout == HelpText.text(for: nil))
        #expect(result.stderr.isEmpty)
    }

    @Test("CMD --help, CMD -h, help CMD and --help CMD print the same help, exit 0",
          arguments: Subcommand.allCases)
    func subcommandHelp(subcommand: Subcommand) throws {
        let expected = HelpText.text(for: subcommand)
        for arguments in [[subcommand.name, "--help"], [subcommand.name, "-h"], ["help", subcommand.name],
                          ["--help", subcommand.name]] {
            let result = try SEAttestBinary.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stdout == expected, "\(arguments)")
            #expect(result.stderr.isEmpty, "\(arguments)")
        }
        let help = try SEAttestBinary.run([subcommand.name, "--help"]).stdout
        for option in OptionTable.spec(for: subcommand).options + OptionTable.global {
            for spelling in option.spellings {
                #expect(containsWord(help, spelling), "\(subcommand.name): \(spelling)")
            }
        }
    }

    @Test("--version and version print the version, the recorded source revision and the OpenSSL run with, exit 0",
          arguments: [["--version"], ["version"], ["-v", "version"], ["version", "-q"]])
    func version(arguments: [String]) throws {
        let result = try SEAttestBinary.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout == "se-attest version 0.1.0\n\(SEAttestVersion.revisionLine(try recordedRevision()))\n"
                + "runs with \(OpenSSLLibrary.version)\n")
        #expect(OpenSSLLibrary.version.hasPrefix("OpenSSL 3."))
        #expect(result.stderr.isEmpty)
    }

    @Test("the revision line names the revision, or says that none was recorded")
    func revisionLine() {
        #expect(SEAttestVersion.revisionLine("0123456789ab") == "source revision: 0123456789ab")
        #expect(SEAttestVersion.revisionLine("0123456789ab+modified") == "source revision: 0123456789ab+modified")
        #expect(SEAttestVersion.revisionLine("")
                == "source revision: none recorded (not built from a git checkout by the scripts)")
    }

    @Test("no arguments: the program's help on stderr, exit 1")
    func noArguments() throws {
        let result = try SEAttestBinary.run([])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == HelpText.text(for: nil))
    }

    @Test("a usage error: 'error:' line, usage, 'Try ...--help', nothing on stdout, exit 1",
          arguments: usageErrors)
    func usageError(arguments: [String]) throws {
        let result = try SEAttestBinary.run(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4, "\(result.stderr)")
        guard lines.count == 4 else { return }
        #expect(lines[0].hasPrefix("error: "))
        #expect(lines[1].hasPrefix("Usage: se-attest "))
        #expect(lines[2].hasPrefix("Try 'se-attest "))
        #expect(lines[2].hasSuffix(" --help' for more information."))
        #expect(lines[3].isEmpty)
        // The subcommand's own usage and help pointer, when one was recognised.
        if let subcommand = arguments.lazy.compactMap(Subcommand.init(name:)).first {
            #expect(lines[1] == "Usage: se-attest " + OptionTable.spec(for: subcommand).usage)
            #expect(lines[2] == "Try 'se-attest \(subcommand.name) --help' for more information.")
        }
    }

    @Test("usage errors name what is wrong")
    func usageErrorMessages() throws {
        let missing = try SEAttestBinary.run(["verify", "-i", "r", "-a", "k"])
        #expect(missing.stderr.hasPrefix("error: missing required option '--hdr'\n"))
        let invalid = try SEAttestBinary.run(["verify", "--format", "xml", "-i", "r", "--hdr", "h", "-a", "k"])
        #expect(invalid.stderr.hasPrefix("error: invalid value 'xml' for '--format': expected one of yaml, json\n"))
        let conflict = try SEAttestBinary.run(["inspect", "f", "-v", "-q"])
        #expect(conflict.stderr.hasPrefix("error: '-v/--verbose' cannot be used together with '-q/--quiet'\n"))
    }
}
