import Testing
@testable import SEAttestCLI

/// Whether `text` holds `word` as a whole word: not inside a longer option or word.
func containsWord(_ text: String, _ word: String) -> Bool {
    var rest = Substring(text)
    let wordCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    while let range = rest.range(of: word) {
        let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
        let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
        if before.map({ !wordCharacters.contains($0) }) ?? true, after.map({ !wordCharacters.contains($0) }) ?? true {
            return true
        }
        rest = text[range.upperBound...]
    }
    return false
}

@Suite("Help: texts rendered from the option table")
struct HelpTests {
    @Test("each subcommand's help names every spelling, value form and allowed value of its options",
          arguments: Subcommand.allCases)
    func helpNamesEveryOption(subcommand: Subcommand) {
        let spec = OptionTable.spec(for: subcommand)
        let help = HelpText.text(for: subcommand)
        #expect(help.hasPrefix("Usage: se-attest \(subcommand.name)"))
        for option in spec.options + OptionTable.global {
            for spelling in option.spellings {
                #expect(containsWord(help, spelling), "\(subcommand.name): \(spelling)")
            }
            if let value = option.value {
                #expect(containsWord(help, value.name), "\(subcommand.name): \(value.name)")
                for allowed in value.allowed ?? [] {
                    #expect(help.contains(allowed), "\(subcommand.name): \(allowed)")
                }
                if let defaultValue = value.defaultValue {
                    #expect(help.contains("Default: \(defaultValue)."), "\(subcommand.name): \(defaultValue)")
                }
            }
            #expect(help.contains(String(option.help.prefix(30))), "\(subcommand.name): \(option.long)")
        }
        for operand in spec.operands {
            #expect(containsWord(help, operand.name), "\(subcommand.name): \(operand.name)")
        }
        #expect(help.contains("\nExit status:\n"))
        for (code, meaning) in spec.exitStatus {
            #expect(help.contains("  \(code)  " + meaning.prefix(20)), "\(subcommand.name): \(code)")
        }
        #expect(help.contains("See 'man \(HelpText.manPage(for: subcommand))' for details."))
    }

    @Test("verify and check document exit status 2; the others do not use it")
    func exitStatusTwo() {
        for subcommand in Subcommand.allCases {
            let usesTwo = subcommand == .command(.verify) || subcommand == .command(.check)
            #expect(HelpText.text(for: subcommand).contains("\n  2  ") == usesTwo, "\(subcommand.name)")
        }
    }

    @Test("the program's help lists every subcommand, the global options and the exit codes")
    func programHelp() {
        let help = HelpText.text(for: nil)
        #expect(help.contains("Usage: se-attest [-v... | -q...] COMMAND [OPTIONS] [ARGUMENTS]"))
        for spec in OptionTable.commands {
            #expect(help.contains("  \(spec.subcommand.name) "), "\(spec.subcommand.name)")
            #expect(help.contains(spec.summary.prefix(25)), "\(spec.subcommand.name)")
        }
        for spelling in ParserTableTests.globalSpellings {
            #expect(containsWord(help, spelling), "\(spelling)")
        }
        for code in ["  0  ", "  1  ", "  2  "] { #expect(help.contains(code)) }
    }

    @Test("help text fits 80 columns and is ASCII", arguments: [nil] + Subcommand.allCases.map(Optional.some))
    func layout(subcommand: Subcommand?) {
        let help = HelpText.text(for: subcommand)
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 80, "\(line)")
        }
        #expect(help.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(help.hasSuffix("\n") && !help.hasSuffix("\n\n"))
    }

    @Test("a usage error reads: error line, the subcommand's usage, a pointer to its --help")
    func usageErrorReport() {
        let report = HelpText.report(UsageError(.missingRequired("required option '--hdr'"), subcommand: .command(.verify)))
        #expect(report == """
            error: missing required option '--hdr'
            Usage: se-attest verify -i RESPONSE --hdr SE_HEADER_OR_IMAGE -a ARPK [OPTIONS]
            Try 'se-attest verify --help' for more information.

            """)
        let program = HelpText.report(UsageError(.unknownSubcommand("frob"), subcommand: nil))
        #expect(program == """
            error: unknown command 'frob'
            Usage: se-attest [-v... | -q...] COMMAND [OPTIONS] [ARGUMENTS]
            Try 'se-attest --help' for more information.

            """)
        for subcommand in Subcommand.allCases {
            let lines = HelpText.report(UsageError(.noSubcommand, subcommand: subcommand)).split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines[1] == "Usage: se-attest " + OptionTable.spec(for: subcommand).usage)
            #expect(lines[1].count <= 80)
            #expect(lines[2] == "Try 'se-attest \(subcommand.name) --help' for more information.")
        }
    }
}
