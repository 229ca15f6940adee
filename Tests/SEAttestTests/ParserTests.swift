import Testing
import SETestSupport
@testable import SEAttestCLI

/// The outcome was not the one the test expected.
struct UnexpectedOutcome: Error {
    let outcome: ParsedCommandLine
}

/// Parses arguments (without the program name) that must make a runnable invocation.
func invocation(_ arguments: String...) throws -> Invocation {
    try invocation(arguments)
}

func invocation(_ arguments: [String]) throws -> Invocation {
    let parsed = try CommandLineParser.parse(arguments)
    guard case .run(let invocation) = parsed else { throw UnexpectedOutcome(outcome: parsed) }
    return invocation
}

private let createBasics = ["-k", "hkd.crt", "--no-verify", "-o", "req.bin", "-a", "arpk.bin"]
private let verifyBasics = ["--hdr", "se.hdr", "-a", "arpk.bin"]

@Suite("Parser: the conventions of docs/cli-conventions.md §1")
struct ParserTests {
    @Test("options may come before, after or around the subcommand")
    func optionPlacement() throws {
        let after = try invocation(["create"] + createBasics)
        let before = try invocation(createBasics + ["create"])
        let around = try invocation(["-k", "hkd.crt", "--no-verify", "create", "-o", "req.bin", "-a", "arpk.bin"])
        #expect(after.command == .create)
        #expect(after.strings(.hostKeyDocument) == ["hkd.crt"])
        #expect(after.string(.output) == "req.bin")
        #expect(after.string(.arpk) == "arpk.bin")
        #expect(after.flag(.noVerify))
        #expect(!after.flag(.offline))
        #expect(before == after)
        #expect(around == after)
    }

    @Test("a value before the subcommand that is itself a subcommand's name does not mislead the parse; options of other subcommands are still known")
    func subcommandNameAsValue() throws {
        // The parser looks options up in the first word's subcommand first (a guess, here `verify`).
        let parsed = try invocation(["-o", "verify", "create", "-k", "hkd.crt", "--no-verify", "-a", "arpk.bin"])
        #expect(parsed.command == .create)
        #expect(parsed.string(.output) == "verify")
        #expect(parsed.strings(.hostKeyDocument) == ["hkd.crt"])
        let evidence = try invocation(["--evidence", "e.json", "verify", "--seal-key", "k.pem", "--hdr", "se.hdr"])
        #expect(evidence.command == .verify && evidence.string(.evidence) == "e.json")
        #expect(throws: UsageError.self) { try invocation(["verify", "-k", "hkd.crt"] + verifyBasics) }
    }

    @Test("a value is taken as --opt VALUE, --opt=VALUE, -o VALUE, -oVALUE and -o=VALUE",
          arguments: [["--input", "resp.bin"], ["--input=resp.bin"], ["-i", "resp.bin"], ["-iresp.bin"], ["-i=resp.bin"]])
    func valueForms(spelling: [String]) throws {
        let parsed = try invocation(["verify"] + spelling + verifyBasics)
        #expect(parsed.string(.input) == "resp.bin")
    }

    @Test("--opt=VALUE keeps everything after the first '=', and an empty value is refused")
    func equalsInValue() throws {
        #expect(try invocation(["verify", "--input=a=b"] + verifyBasics).string(.input) == "a=b")
        #expect(throws: UsageError(.emptyValue(option: "--input"), subcommand: .command(.verify))) {
            try CommandLineParser.parse(["verify", "--input="] + verifyBasics)
        }
    }

    @Test("short flags bundle and count: -vv, -v -v -v, --verbose -v, -qq")
    func bundledFlags() throws {
        #expect(try invocation("inspect", "f", "-vv").count(.verbose) == 2)
        #expect(try invocation("inspect", "f", "-vv").verbosity == 2)
        #expect(try invocation("-v", "inspect", "-v", "f", "-v").verbosity == 3)
        #expect(try invocation("inspect", "--verbose", "f", "-v").count(.verbose) == 2)
        #expect(try invocation("inspect", "f", "-qq").verbosity == -2)
        #expect(try invocation("inspect", "f").verbosity == 0)
    }

    @Test("a bundle ends at the first short option that takes a value")
    func bundleWithValue() throws {
        let parsed = try invocation(["verify", "-vireq.bin"] + verifyBasics)
        #expect(parsed.count(.verbose) == 1)
        #expect(parsed.string(.input) == "req.bin")
        let separate = try invocation(["verify", "-vvi", "req.bin"] + verifyBasics)
        #expect(separate.verbosity == 2)
        #expect(separate.string(.input) == "req.bin")
    }

    @Test("list options take repetition and comma lists, in command-line order")
    func commaListsAndRepetition() throws {
        let parsed = try invocation("create", "-k", "a,b", "-k", "c", "--host-key-document=d", "-ke,f",
                                    "-C", "ibm.crt,inter.crt", "--crt", "more.crt", "--cert=last.crt",
                                    "--crl", "x.crl,y.crl", "--crl=z.crl",
                                    "--add-data", "phkh-img,phkh-att", "--add-data=firmware-state",
                                    "-o", "r", "-a", "k")
        #expect(parsed.strings(.hostKeyDocument) == ["a", "b", "c", "d", "e", "f"])
        #expect(parsed.strings(.cert) == ["ibm.crt", "inter.crt", "more.crt", "last.crt"])
        #expect(parsed.strings(.crl) == ["x.crl", "y.crl", "z.crl"])
        #expect(parsed.strings(.addData) == ["phkh-img", "phkh-att", "firmware-state"])
        #expect(parsed.count(.hostKeyDocument) == 4)
    }

    @Test("check's list options split on commas too")
    func checkLists() throws {
        let parsed = try invocation("check", "in", "out", "-k", "h1,h2", "--host-key-check", "att-key-hash,boot-key-hash",
                                    "--secret", "s1,s2", "--secret", "s3", "--secret-store-locked", "false")
        #expect(parsed.strings(.hostKeyDocument) == ["h1", "h2"])
        #expect(parsed.strings(.hostKeyCheck) == ["att-key-hash", "boot-key-hash"])
        #expect(parsed.strings(.secret) == ["s1", "s2", "s3"])
        #expect(parsed.bool(.secretStoreLocked) == false)
    }

    @Test("options that are not lists keep their commas")
    func noSplitForSingleValues() throws {
        #expect(try invocation(["verify", "-i", "a,b"] + verifyBasics).string(.input) == "a,b")
        #expect(try invocation(["verify", "-i", "a,b"] + verifyBasics).strings(.input) == ["a,b"])
    }

    @Test("'-' is a value and an operand, not an option")
    func dashIsAValue() throws {
        let perform = try invocation("perform", "-", "-")
        #expect(perform.string(.input) == "-")
        #expect(perform.string(.output) == "-")
        #expect(try invocation(["verify", "-i", "-", "-o", "-"] + verifyBasics).string(.output) == "-")
        #expect(try invocation("create", "--no-verify", "-k", "-", "-o", "-", "-a", "k").strings(.hostKeyDocument) == ["-"])
    }

    @Test("'--' ends the options: later words are operands even when they start with '-'")
    func doubleDash() throws {
        #expect(try invocation("inspect", "--", "-file").string(.input) == "-file")
        let perform = try invocation("perform", "-u", "ud", "--", "-req", "--resp")
        #expect(perform.string(.input) == "-req")
        #expect(perform.string(.output) == "--resp")
        #expect(perform.positionals == ["-req", "--resp"])
        #expect(try invocation("--", "inspect", "-v").string(.input) == "-v")
    }

    @Test("perform and check take IN/OUT as operands, as -i/-o, or mixed",
          arguments: [["req", "resp"], ["-i", "req", "-o", "resp"], ["-i", "req", "resp"],
                      ["-o", "resp", "req"], ["req", "-o", "resp"], ["--output=resp", "--input", "req"]])
    func inputOutputOperands(arguments: [String]) throws {
        for command in ["perform", "check"] {
            let parsed = try invocation([command] + arguments)
            #expect(parsed.string(.input) == "req")
            #expect(parsed.string(.output) == "resp")
        }
    }

    @Test("inspect FILE and extract-hdr IMAGE are stored as .input")
    func singleOperands() throws {
        let inspect = try invocation("inspect", "resp.bin", "-a", "arpk.bin", "--format", "json")
        #expect(inspect.command == .inspect)
        #expect(inspect.string(.input) == "resp.bin")
        #expect(inspect.string(.arpk) == "arpk.bin")
        #expect(inspect.string(.format) == "json")
        let extract = try invocation("extract-hdr", "image.img", "-o", "se.hdr")
        #expect(extract.command == .extractHeader)
        #expect(extract.string(.input) == "image.img")
        #expect(extract.string(.output) == "se.hdr")
    }

    @Test("defaults apply when an option is absent, and isGiven tells them apart")
    func defaults() throws {
        let verify = try invocation(["verify", "-i", "r"] + verifyBasics)
        #expect(verify.string(.format) == "yaml")
        #expect(!verify.isGiven(.format))
        #expect(verify.string(.output) == nil)
        #expect(verify.strings(.output) == [])
        #expect(try invocation("inspect", "f").string(.format) == "text")
        let check = try invocation("check", "in", "out", "--firmware")
        #expect(check.string(.firmwareCheckVersion) == "1")
        #expect(check.string(.firmwareVerifyURL) == "https://esupport.ibm.com/eccedge/ent/z")
        #expect(check.bool(.secretStoreLocked) == nil)
        let given = try invocation("check", "in", "out", "--firmware", "--fw-ver", "2", "--format=json",
                                   "--firmware-verify-url", "http://localhost:8080/z")
        #expect(given.string(.firmwareCheckVersion) == "2")
        #expect(given.isGiven(.firmwareCheckVersion))
        #expect(given.string(.format) == "json")
        #expect(given.string(.firmwareVerifyURL) == "http://localhost:8080/z")
    }

    @Test("perform --simulate with its options; --cuid as bytes with or without 0x")
    func simulate() throws {
        let parsed = try invocation("perform", "--simulate", "--host-key-private", "host.key", "--hdr", "se.hdr",
                                    "--cuid", "0x000102030405060708090A0B0C0D0E0F", "-u", "ud.bin", "req", "resp")
        #expect(parsed.flag(.simulate))
        #expect(parsed.string(.hostKeyPrivate) == "host.key")
        #expect(parsed.string(.hdr) == "se.hdr")
        #expect(parsed.string(.userData) == "ud.bin")
        #expect(parsed.bytes(.cuid) == Array(0...15))
        let bare = try invocation("perform", "--simulate", "--host-key-private", "k", "--hdr", "h",
                                  "--cuid=ffeeddccbbaa99887766554433221100", "req", "resp")
        #expect(bare.bytes(.cuid)?.first == 0xff)
        #expect(try invocation("perform", "req", "resp").bytes(.cuid) == nil)
    }

    @Test("check --hdr with -a verifies first; --secret-store-locked true")
    func checkVerifyFirst() throws {
        let parsed = try invocation("check", "-i", "in", "-o", "out", "--hdr", "se.hdr", "-a", "arpk",
                                    "--secret-store-locked", "true")
        #expect(parsed.string(.hdr) == "se.hdr")
        #expect(parsed.string(.arpk) == "arpk")
        #expect(parsed.bool(.secretStoreLocked) == true)
    }

    @Test("help: --help, -h, help COMMAND, in any position, and even after other mistakes")
    func help() throws {
        #expect(try CommandLineParser.parse(["--help"]) == .help(nil))
        #expect(try CommandLineParser.parse(["-h"]) == .help(nil))
        #expect(try CommandLineParser.parse(["help"]) == .help(nil))
        #expect(try CommandLineParser.parse(["-v", "help"]) == .help(nil))
        for command in Command.allCases {
            let expected = ParsedCommandLine.help(.command(command))
            #expect(try CommandLineParser.parse([command.rawValue, "--help"]) == expected)
            #expect(try CommandLineParser.parse([command.rawValue, "-h"]) == expected)
            #expect(try CommandLineParser.parse(["--help", command.rawValue]) == expected)
            #expect(try CommandLineParser.parse(["help", command.rawValue]) == expected)
            #expect(try CommandLineParser.parse([command.rawValue, "--bogus", "-h"]) == expected)
        }
        #expect(try CommandLineParser.parse(["help", "help"]) == .help(.help))
        #expect(try CommandLineParser.parse(["help", "version"]) == .help(.version))
        #expect(try CommandLineParser.parse(["version", "--help"]) == .help(.version))
    }

    @Test("version: --version and the version subcommand")
    func version() throws {
        #expect(try CommandLineParser.parse(["--version"]) == .version)
        #expect(try CommandLineParser.parse(["version"]) == .version)
        #expect(try CommandLineParser.parse(["-v", "version"]) == .version)
        #expect(try CommandLineParser.parse(["verify", "--version"]) == .version)
        #expect(SEAttestVersion.text.hasPrefix("se-attest version 0.1.0\nsource revision: "))
    }

    @Test("-V, pvattest's deprecated spelling of -v, counts as -v and warns")
    func deprecatedVerbose() throws {
        let parsed = try invocation("inspect", "f", "-V", "-v")
        #expect(parsed.count(.verbose) == 2)
        #expect(parsed.warnings == ["use of deprecated flag '-V'; use '-v/--verbose' instead"])
        #expect(try invocation("inspect", "f", "-v").warnings.isEmpty)
        #expect(try invocation("inspect", "f", "-VV").warnings.count == 1)
    }

    @Test("random command lines never trap: each parses or throws a UsageError")
    func randomCommandLines() {
        var spellings = Set<String>()
        for option in OptionTable.global + OptionTable.commands.flatMap(\.options) {
            spellings.formUnion(option.spellings)
        }
        let words = Array(spellings).sorted() + Subcommand.allCases.map(\.name)
            + ["-", "--", "", "=", "-=", "--=", "-o=", "x", "a,b", ",", "-vq", "-vV", "-kx,", "--format=",
               "--add-data=phkh-img,,", "\u{0}", "-\u{301}", "--\u{1F600}", "-é", "yaml", "true", "1", "0x00"]
        var generator = SplitMix64(seed: 0x5E_A77E57)
        for _ in 0..<3000 {
            let count = Int(generator.next() % 9)
            let arguments = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            do {
                _ = try CommandLineParser.parse(arguments)
            } catch {
                #expect(!error.description.isEmpty, "\(arguments)")
            }
        }
    }
}

@Suite struct OptionSpellingTests {
    @Test("isSpelled answers as spellings.contains for every option and every spelling of the table, and near misses")
    func isSpelledMatchesSpellings() {
        let options = OptionTable.global + OptionTable.commands.flatMap(\.options)
        let all = Set(options.flatMap(\.spellings))
        let nearMisses = all.flatMap { ["-" + $0, $0 + "x", String($0.dropFirst()), $0.uppercased()] } + ["-", "--", "", "---", "-vv"]
        for option in options {
            for spelling in Array(all) + nearMisses {
                #expect(option.isSpelled(spelling) == option.spellings.contains(spelling), "\(option.long) against \(spelling)")
            }
        }
    }
}
