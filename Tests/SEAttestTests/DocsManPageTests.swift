import Foundation
import SETestSupport
import Testing
@testable import SEAttestCLI

private func manPage(_ name: String) throws -> String {
    let url = repositoryRoot.appendingPathComponent("man/\(name).1")
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
}

/// How mdoc writes an option: `Fl -output` for `--output`, `Fl o` for `-o`.
private func mdoc(_ spelling: String) -> String {
    "Fl " + spelling.dropFirst()
}

/// The `.It` entry of an option in a `.Bl -tag` list, nested lists included, up to the next entry.
private func optionEntry(_ option: OptionSpec, in page: String) -> String? {
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.hasPrefix(".It Fl ") && containsWord(String($0), mdoc(option.long)) })
    else { return nil }
    var entry = [lines[start]]
    var depth = 0
    for line in lines[(start + 1)...] {
        if depth == 0 && (line.hasPrefix(".It") || line.hasPrefix(".El")) { break }
        if line.hasPrefix(".Bl") { depth += 1 }
        if line.hasPrefix(".El") { depth -= 1 }
        entry.append(line)
    }
    return entry.joined(separator: "\n")
}

/// se-attest(1) and one page per command.
private let manPages = ["se-attest"] + Command.allCases.map { HelpText.manPage(for: .command($0)) }

@Suite("Docs: man pages")
struct DocsManPageTests {
    @Test("each subcommand's man page documents every option: spellings, allowed values, defaults, relations",
          arguments: Command.allCases)
    func everyOptionDocumented(command: Command) throws {
        let subcommand = Subcommand.command(command)
        let spec = OptionTable.spec(for: subcommand)
        let page = try manPage(HelpText.manPage(for: subcommand))
        #expect(page.contains("\n.Cm \(command.rawValue)\n"), "synopsis of \(command.rawValue)")
        for option in spec.options {
            for spelling in option.spellings {
                #expect(containsWord(page, mdoc(spelling)), "\(command.rawValue): \(spelling)")
            }
            let entry = try #require(optionEntry(option, in: page), "\(command.rawValue): no entry for \(option.long)")
            for allowed in option.value?.allowed ?? [] {
                #expect(containsWord(entry, allowed), "\(command.rawValue): value \(allowed)")
            }
            if let defaultValue = option.value?.defaultValue {
                #expect(entry.contains("Default:") && entry.contains(defaultValue), "\(command.rawValue): default")
            }
        }
        for relation in spec.relations {
            switch relation {
            case .required(let name):
                let entry = try #require(spec.option(name).flatMap { optionEntry($0, in: page) })
                #expect(entry.contains("Required"), "\(command.rawValue): \(name) required")
            case .requiredUnless(let name, let alternative):
                let entry = try #require(spec.option(name).flatMap { optionEntry($0, in: page) })
                let other = try #require(spec.option(alternative))
                #expect(entry.contains("Required unless"), "\(command.rawValue): \(name) required unless")
                #expect(containsWord(entry, mdoc(other.long)), "\(command.rawValue): \(name) unless \(alternative)")
            case .requires(let name, let needed), .exactlyOne(let name, let needed):
                let entry = try #require(spec.option(name).flatMap { optionEntry($0, in: page) })
                let other = try #require(spec.option(needed))
                #expect(entry.contains("Requires") || entry.contains("Exactly one"), "\(command.rawValue): \(name)")
                #expect(containsWord(entry, mdoc(other.spellings.last ?? other.long)), "\(command.rawValue): \(name) needs \(needed)")
            case .conflicts:
                break
            }
        }
        for (code, _) in spec.exitStatus {
            #expect(page.contains("\n.It \(code)\n"), "\(command.rawValue): exit \(code)")
        }
    }

    @Test("se-attest(1) documents the global options, every subcommand, the exit codes and the ARPK")
    func overviewPage() throws {
        let page = try manPage("se-attest")
        for spelling in OptionTable.global.flatMap(\.spellings) {
            #expect(containsWord(page, mdoc(spelling)), "\(spelling)")
        }
        for subcommand in Subcommand.allCases {
            #expect(page.contains(".It Cm \(subcommand.name)"), "\(subcommand.name)")
        }
        for code in 0...2 { #expect(page.contains("\n.It \(code)\n")) }
        for section in ["THE ATTESTATION FLOW", "FILES", "EXAMPLES", "SEE ALSO", "SECURITY CONSIDERATIONS"] {
            #expect(page.contains(".Sh \(section)\n"), "\(section)")
        }
        #expect(page.contains("mode 0600"))
        #expect(page.contains("delete it"))
    }

    @Test("man/ holds exactly se-attest(1) and one page per command")
    func onePagePerCommand() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("man").path)
        #expect(Set(files) == Set(manPages.map { $0 + ".1" }))
        #expect(HelpText.manPage(for: .command(.extractHeader)) == "se-attest-extract-hdr")
    }

    @Test("every man page is ASCII mdoc with the usual sections", arguments: manPages)
    func pageShape(name: String) throws {
        let page = try manPage(name)
        #expect(page.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 0x20 || $0 == "\n") })
        #expect(page.hasPrefix(".Dd "))
        #expect(page.contains(".Dt \(name.uppercased()) 1\n"))
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
            #expect(page.contains(".Sh \(section)\n"), "\(name): \(section)")
        }
    }

    @Test("scripts/check-docs (mandoc -Tlint -W warning) passes",
          .enabled(if: executableOnPath("mandoc") != nil, "mandoc is not installed"))
    func lint() throws {
        let result = try runTool(repositoryRoot.appendingPathComponent("scripts/check-docs"), [])
        #expect(result.status == 0, "\(result.output)")
    }
}

/// The `se-attest ...` command lines of a page's literal displays, continuation lines joined and
/// shell variables set earlier on the page substituted, as a reader typing them would.
private func exampleCommandLines(in page: String) -> [[String]] {
    var commandLines: [[String]] = []
    var variables: [String: String] = [:]
    var inDisplay = false
    var pending = ""
    for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix(".Bd -literal") { inDisplay = true; continue }
        if line.hasPrefix(".Ed") { inDisplay = false; continue }
        guard inDisplay else { continue }
        var text = pending + line.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("\\e") {
            text.removeLast(2)
            pending = text
            continue
        }
        pending = ""
        if let equals = text.firstIndex(of: "="), !text.contains(" "), text.first?.isLetter == true {
            variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            continue
        }
        for (name, value) in variables { text = text.replacingOccurrences(of: "$" + name, with: value) }
        let words = text.split(separator: " ").map(String.init)
        if words.first == "se-attest" { commandLines.append(Array(words.dropFirst())) }
    }
    return commandLines
}

@Suite("Docs: man page examples")
struct DocsExampleTests {
    @Test("every example command line in the man pages is one the parser accepts", arguments: manPages)
    func examplesParse(name: String) throws {
        let examples = exampleCommandLines(in: try manPage(name))
        #expect(!examples.isEmpty)
        for arguments in examples {
            let parsed = try CommandLineParser.parse(arguments)
            guard case .run = parsed else {
                Issue.record("\(name): \(arguments) is not a command")
                continue
            }
        }
    }

    @Test("the files named by the examples exist in the source tree", arguments: manPages)
    func exampleFilesExist(name: String) throws {
        for arguments in exampleCommandLines(in: try manPage(name)) {
            for word in arguments.flatMap({ $0.split(separator: ",") }) where word.hasPrefix("Tests/") {
                #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(String(word)).path),
                        "\(name): \(word)")
            }
        }
    }
}

@Suite("Docs: man page examples run as written")
struct DocsExampleRunTests {
    /// Each page's examples run in order in a fresh folder in which `Tests` leads to the test
    /// vectors, as if run from the top of the source tree. A `req.bin` made for the test host
    /// key is there first, for pages that show `perform` on its own. `perform` without
    /// `--simulate` is skipped off s390x: it needs a Secure Execution guest.
    @Test("every example exits 0", arguments: manPages)
    func examplesRun(name: String) throws {
        try Scratch.with { scratch in
            try FileManager.default.createSymbolicLink(
                at: scratch.url.appendingPathComponent("Tests"), withDestinationURL: repositoryRoot.appendingPathComponent("Tests"))
            let setup = try SEAttestBinary.run(
                ["create", "--no-verify", "-k", "Tests/Fixtures/vectors/pv/cert/host.crt", "-o", "req.bin", "-a", "arpk.bin"],
                in: scratch.url)
            #expect(setup.status == 0, "\(setup.stderr)")
            for arguments in exampleCommandLines(in: try manPage(name)) {
                #if !arch(s390x)
                if arguments.first == "perform", !arguments.contains("--simulate") { continue }
                #endif
                let run = try SEAttestBinary.run(arguments, in: scratch.url)
                #expect(run.status == 0, "\(name): se-attest \(arguments.joined(separator: " ")): \(run.stderr)")
            }
        }
    }
}
