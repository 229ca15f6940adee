import SETestSupport
import Testing
@testable import SEAttestCLI

/// One command line the parser must refuse, and exactly how.
struct RefusedCommandLine: CustomTestStringConvertible, Sendable {
    let arguments: [String]
    let kind: UsageError.Kind
    let subcommand: Subcommand?

    init(_ arguments: [String], _ kind: UsageError.Kind, _ subcommand: Subcommand?) {
        self.arguments = arguments
        self.kind = kind
        self.subcommand = subcommand
    }

    var testDescription: String { arguments.joined(separator: " ") }
}

private let create = Subcommand.command(.create)
private let perform = Subcommand.command(.perform)
private let verify = Subcommand.command(.verify)
private let check = Subcommand.command(.check)
private let inspect = Subcommand.command(.inspect)
private let extract = Subcommand.command(.extractHeader)
private let createOK = ["-k", "h", "-o", "r", "-a", "k"]
private let verifyOK = ["-i", "r", "--hdr", "h", "-a", "k"]

/// Every kind of usage error, each at least once, with its subcommand context.
let refusedCommandLines: [RefusedCommandLine] = [
    .init([], .noSubcommand, nil),
    .init(["-v"], .noSubcommand, nil),
    .init(["-o", "x", "--no-verify"], .noSubcommand, nil),
    .init(["frob"], .unknownSubcommand("frob"), nil),
    .init(["-v", "frob", "--help"], .unknownSubcommand("frob"), nil),
    .init(["--bogus"], .unknownOption("--bogus"), nil),
    .init(["create", "--bogus"] + createOK, .unknownOption("--bogus"), create),
    .init(["create", "-Z"], .unknownOption("-Z"), create),
    .init(["create", "-vZ"], .unknownOption("-Z"), create),
    .init(["verify", "-k", "x"] + verifyOK, .unknownOption("-k"), verify),
    .init(["create", "--hdr", "x"] + createOK, .unknownOption("--hdr"), create),
    .init(["create", "--output"], .missingValue(option: "--output", valueName: "FILE"), create),
    .init(["create", "-o"], .missingValue(option: "-o", valueName: "FILE"), create),
    .init(["create", "-o", "--no-verify"], .missingValue(option: "-o", valueName: "FILE"), create),
    .init(["check", "i", "o", "--fw-ver"], .missingValue(option: "--fw-ver", valueName: "VERSION"), check),
    .init(["check", "i", "o", "--firmware=yes"], .unexpectedValue(option: "--firmware"), check),
    .init(["verify", "--format", "xml"] + verifyOK,
          .invalidValue(option: "--format", value: "xml", expected: "one of yaml, json"), verify),
    .init(["verify", "--format=text"] + verifyOK,
          .invalidValue(option: "--format", value: "text", expected: "one of yaml, json"), verify),
    .init(["inspect", "f", "--format", "xml"],
          .invalidValue(option: "--format", value: "xml", expected: "one of text, yaml, json"), inspect),
    .init(["create", "--add-data", "phkh-img,bogus"] + createOK,
          .invalidValue(option: "--add-data", value: "bogus",
                        expected: "one of phkh-img, phkh-att, secret-store-hash, firmware-state"), create),
    .init(["check", "i", "o", "-k", "h", "--host-key-check", "att-key"],
          .invalidValue(option: "--host-key-check", value: "att-key", expected: "one of att-key-hash, boot-key-hash"), check),
    .init(["check", "i", "o", "--secret-store-locked", "yes"],
          .invalidValue(option: "--secret-store-locked", value: "yes", expected: "one of true, false"), check),
    .init(["check", "i", "o", "--firmware", "--fw-ver=3"],
          .invalidValue(option: "--fw-ver", value: "3", expected: "one of 1, 2"), check),
    .init(["perform", "--cuid", "0011", "r", "s"],
          .invalidValue(option: "--cuid", value: "0011", expected: "16 bytes as 32 hex digits"), perform),
    .init(["perform", "--cuid", "0x", "r", "s"],
          .invalidValue(option: "--cuid", value: "0x", expected: "16 bytes as 32 hex digits"), perform),
    .init(["verify", "-i", "r", "--hdr", "h", "-a", "-"],
          .invalidValue(option: "-a", value: "-",
                        expected: "a file name ('-' is not allowed: the key is a secret and lives in a real file)"), verify),
    .init(["create", "-k", ""], .emptyValue(option: "-k"), create),
    .init(["create", "-k", "a,,b"], .emptyValue(option: "-k"), create),
    .init(["create", "--crl="], .emptyValue(option: "--crl"), create),
    .init(["perform", "", "resp"], .emptyValue(option: "REQUEST"), perform),
    .init(["verify", "-o", "a", "--output", "b"] + verifyOK, .repeated(option: "-o/--output"), verify),
    .init(["check", "i", "o", "--firmware", "--fw-ver", "1", "--firmware-check-version", "2"],
          .repeated(option: "--firmware-check-version"), check),
    .init(["create"], .missingRequired("required option '-k/--host-key-document'"), create),
    .init(["create", "-k", "h", "--no-verify", "-a", "k"], .missingRequired("required option '-o/--output'"), create),
    .init(["create", "-k", "h", "--no-verify", "-o", "r"], .missingRequired("required option '-a/--arpk'"), create),
    .init(["create"] + createOK, .missingOneOf("-C/--cert", "--no-verify"), create),
    .init(["create", "-C", "c", "--no-verify"] + createOK, .conflict("-C/--cert", "--no-verify"), create),
    .init(["create", "--crl", "c", "--no-verify"] + createOK, .requires(option: "--crl", needs: "-C/--cert"), create),
    .init(["create", "--root-ca", "c", "--no-verify"] + createOK, .requires(option: "--root-ca", needs: "-C/--cert"), create),
    .init(["create", "--offline", "--no-verify"] + createOK, .requires(option: "--offline", needs: "-C/--cert"), create),
    .init(["verify", "-i", "r", "-a", "k"], .missingRequired("required option '--hdr'"), verify),
    .init(["verify", "--hdr", "h", "-a", "k"], .missingRequired("required option '-i/--input'"), verify),
    .init(["verify", "-i", "r", "--hdr", "h"], .missingRequired("required option '-a/--arpk'"), verify),
    .init(["verify", "extra"] + verifyOK, .unexpectedArgument("extra"), verify),
    .init(["perform"], .missingRequired("argument REQUEST (or option '-i/--input')"), perform),
    .init(["perform", "req"], .missingRequired("argument RESPONSE (or option '-o/--output')"), perform),
    .init(["perform", "-o", "resp"], .missingRequired("argument REQUEST (or option '-i/--input')"), perform),
    .init(["perform", "a", "b", "c"], .unexpectedArgument("c"), perform),
    .init(["perform", "-i", "a", "-o", "b", "c"], .unexpectedArgument("c"), perform),
    .init(["perform", "--simulate", "a", "b"], .requires(option: "--simulate", needs: "--host-key-private"), perform),
    .init(["perform", "--simulate", "--host-key-private", "k", "a", "b"], .requires(option: "--simulate", needs: "--hdr"), perform),
    .init(["perform", "--host-key-private", "k", "a", "b"], .requires(option: "--host-key-private", needs: "--simulate"), perform),
    .init(["perform", "--hdr", "h", "a", "b"], .requires(option: "--hdr", needs: "--simulate"), perform),
    .init(["perform", "--cuid", "000102030405060708090a0b0c0d0e0f", "a", "b"],
          .requires(option: "--cuid", needs: "--simulate"), perform),
    .init(["check"], .missingRequired("argument RESPONSE (or option '-i/--input')"), check),
    .init(["check", "-i", "a", "b", "c"], .unexpectedArgument("c"), check),
    .init(["check", "i", "o", "--host-key-check", "att-key-hash"],
          .requires(option: "--host-key-check", needs: "-k/--host-key-document"), check),
    .init(["check", "i", "o", "--secret", "s"], .requires(option: "--secret", needs: "--secret-store-locked"), check),
    .init(["check", "i", "o", "--fw-ver", "2"], .requires(option: "--firmware-check-version", needs: "--firmware"), check),
    .init(["check", "i", "o", "--firmware-verify-url", "u"], .requires(option: "--firmware-verify-url", needs: "--firmware"), check),
    .init(["check", "i", "o", "--hdr", "h"], .requires(option: "--hdr", needs: "-a/--arpk"), check),
    .init(["check", "i", "o", "-a", "k"], .requires(option: "-a/--arpk", needs: "--hdr"), check),
    .init(["verify", "-v", "-q"] + verifyOK, .conflict("-v/--verbose", "-q/--quiet"), verify),
    .init(["-vq", "inspect", "f"], .conflict("-v/--verbose", "-q/--quiet"), inspect),
    .init(["-V", "inspect", "f", "--quiet"], .conflict("-v/--verbose", "-q/--quiet"), inspect),
    .init(["inspect"], .missingRequired("argument FILE"), inspect),
    .init(["inspect", "a", "b"], .unexpectedArgument("b"), inspect),
    .init(["inspect", "a", "-i", "b"], .unknownOption("-i"), inspect),
    .init(["extract-hdr", "img"], .missingRequired("required option '-o/--output'"), extract),
    .init(["extract-hdr", "-o", "hdr"], .missingRequired("argument IMAGE"), extract),
    .init(["help", "frob"], .unknownSubcommand("frob"), .help),
    .init(["help", "create", "verify"], .unexpectedArgument("verify"), .help),
    .init(["help", "-o", "x"], .unknownOption("-o"), .help),
    .init(["version", "x"], .unexpectedArgument("x"), .version),
]

@Suite("Parser: usage errors")
struct ParserErrorTests {
    @Test("each refused command line throws exactly its UsageError", arguments: refusedCommandLines)
    func refused(_ case_: RefusedCommandLine) {
        #expect(throws: UsageError(case_.kind, subcommand: case_.subcommand)) {
            try CommandLineParser.parse(case_.arguments)
        }
    }

    @Test("every kind of usage error is covered by the list above")
    func everyKindCovered() {
        func name(_ kind: UsageError.Kind) -> String { String(String(describing: kind).prefix { $0 != "(" }) }
        let covered = Set(refusedCommandLines.map { name($0.kind) })
        let all: [UsageError.Kind] = [
            .noSubcommand, .unknownSubcommand(""), .unknownOption(""), .missingValue(option: "", valueName: ""),
            .unexpectedValue(option: ""), .invalidValue(option: "", value: "", expected: ""), .emptyValue(option: ""),
            .repeated(option: ""), .missingRequired(""), .missingOneOf("", ""), .requires(option: "", needs: ""),
            .conflict("", ""), .unexpectedArgument(""),
        ]
        #expect(Set(all.map(name)) == covered)
    }

    @Test("messages name the problem in one line")
    func messages() {
        let examples: [(UsageError, String)] = [
            (UsageError(.noSubcommand, subcommand: nil), "no command given"),
            (UsageError(.unknownSubcommand("frob"), subcommand: nil), "unknown command 'frob'"),
            (UsageError(.unknownOption("--x"), subcommand: create), "unknown option '--x' for 'create'"),
            (UsageError(.unknownOption("--x"), subcommand: nil), "unknown option '--x'"),
            (UsageError(.missingValue(option: "-o", valueName: "FILE"), subcommand: create), "option '-o' needs a value (FILE)"),
            (UsageError(.unexpectedValue(option: "--firmware"), subcommand: check), "option '--firmware' takes no value"),
            (UsageError(.invalidValue(option: "--format", value: "xml", expected: "one of yaml, json"), subcommand: verify),
             "invalid value 'xml' for '--format': expected one of yaml, json"),
            (UsageError(.emptyValue(option: "-k"), subcommand: create), "empty value for '-k'"),
            (UsageError(.repeated(option: "-o/--output"), subcommand: verify), "'-o/--output' may be given only once"),
            (UsageError(.missingRequired("required option '--hdr'"), subcommand: verify), "missing required option '--hdr'"),
            (UsageError(.missingOneOf("-C/--cert", "--no-verify"), subcommand: create),
             "one of '-C/--cert' or '--no-verify' is required"),
            (UsageError(.requires(option: "--crl", needs: "-C/--cert"), subcommand: create), "'--crl' requires '-C/--cert'"),
            (UsageError(.conflict("-v/--verbose", "-q/--quiet"), subcommand: verify),
             "'-v/--verbose' cannot be used together with '-q/--quiet'"),
            (UsageError(.unexpectedArgument("c"), subcommand: perform), "unexpected argument 'c'"),
        ]
        for (error, message) in examples {
            #expect(error.description == message)
        }
    }

    @Test("an unknown command or option suggests the closest spelling, only when it is close", arguments: [
        (["verfy"], "unknown command 'verfy'; did you mean 'verify'?"),
        (["cretae"], "unknown command 'cretae'; did you mean 'create'?"),
        (["extract-header", "x"], "unknown command 'extract-header'; did you mean 'extract-hdr'?"),
        (["attest"], "unknown command 'attest'"),
        (["help", "inpsect"], "unknown command 'inpsect'; did you mean 'inspect'?"),
        (["verify", "--hrd", "h"] + verifyOK, "unknown option '--hrd' for 'verify'; did you mean '--hdr'?"),
        (["create", "--no-verfiy"] + createOK, "unknown option '--no-verfiy' for 'create'; did you mean '--no-verify'?"),
        (["check", "i", "o", "--firmware-check-versions", "1"],
         "unknown option '--firmware-check-versions' for 'check'; did you mean '--firmware-check-version'?"),
        (["--verbsoe"], "unknown option '--verbsoe'; did you mean '--verbose'?"),
        (["create", "--hdr", "x"] + createOK, "unknown option '--hdr' for 'create'"),
        (["create", "--bogus"] + createOK, "unknown option '--bogus' for 'create'"),
        (["create", "-Z"], "unknown option '-Z' for 'create'"),
    ])
    func suggestions(arguments: [String], message: String) {
        do {
            _ = try CommandLineParser.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("the edit distance counts a swap of neighbours as one edit")
    func editDistance() {
        func distance(_ a: String, _ b: String) -> Int {
            SpellingSuggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(distance("hrd", "hdr") == 1)
        #expect(distance("verfy", "verify") == 1)
        #expect(distance("", "abc") == 3)
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("same", "same") == 0)
    }

    @Test("the binary prints the suggestion on the error line, exit 1")
    func suggestionFromBinary() throws {
        let run = try SEAttestBinary.run(["verfy"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: unknown command 'verfy'; did you mean 'verify'?\nUsage: "))
        #expect(run.stdout.isEmpty)
    }
}
