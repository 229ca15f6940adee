import Foundation
import Testing
@testable import SEAttestCLI

/// The committed completion files and the generator that makes them from the option table.
private let generated: [(path: String, script: String)] = [
    ("completions/se-attest.bash", BashCompletion.script),
    ("completions/_se-attest", ZshCompletion.script),
    ("completions/se-attest.fish", FishCompletion.script),
]

@Suite("Docs: completion files are generated from the option table")
struct DocsGeneratedCompletionTests {
    /// `scripts/completions` runs this with SE_ATTEST_WRITE_COMPLETIONS=1 to rewrite the files.
    @Test("completions/ holds exactly what the generator makes for bash, zsh and fish")
    func committedFilesAreCurrent() throws {
        let write = ProcessInfo.processInfo.environment["SE_ATTEST_WRITE_COMPLETIONS"] == "1"
        for (path, script) in generated {
            let url = repositoryRoot.appendingPathComponent(path)
            if write { try Data(script.utf8).write(to: url) }
            let committed = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            #expect(committed == script, "\(path) is out of date: run scripts/completions")
        }
    }

    @Test("every value placeholder of the table is a file name or known free text")
    func placeholdersClassified() throws {
        let freeText: Set<String> = ["HEX", "HEX|@FILE", "URL", "SECONDS"]
        for option in OptionTable.commands.flatMap(\.options) {
            guard let value = option.value, value.allowed == nil else { continue }
            #expect(CompletionModel.filePlaceholders.contains(value.name) || freeText.contains(value.name),
                    "\(option.long) \(value.name): add it to CompletionModel.filePlaceholders or here")
        }
        #expect(CompletionModel.values(of: try #require(OptionTable.perform.options.first { $0.name == .cuid })) == .text)
        #expect(CompletionModel.values(of: try #require(OptionTable.create.options.first { $0.name == .output })) == .files)
        #expect(CompletionModel.values(of: try #require(OptionTable.create.options.first { $0.name == .addData }))
                == .choices(["phkh-img", "phkh-att", "secret-store-hash", "firmware-state"], list: true))
    }

    @Test("descriptions keep the first sentence and drop the shells' special characters")
    func summaries() {
        #expect(CompletionModel.summary("Print help and exit.") == "Print help and exit")
        #expect(CompletionModel.summary("Write to FILE (or '-'). More text.") == "Write to FILE (or  - )")
        #expect(CompletionModel.summary("a [b]: c") == "a  b   c")
        #expect(CompletionModel.summary("Key (4096 bits, e.g. openssl genrsa 4096) that seals. More.")
                == "Key (4096 bits, e.g. openssl genrsa 4096) that seals")
    }

    @Test("the zsh function is valid zsh", .enabled(if: executableOnPath("zsh") != nil, "zsh is not installed"))
    func zshSyntax() throws {
        let zsh = try #require(executableOnPath("zsh"))
        let result = try runTool(zsh, ["-n", repositoryRoot.appendingPathComponent("completions/_se-attest").path])
        #expect(result.status == 0, "\(result.output)")
    }
}

/// What fish offers for `se-attest` followed by `line` (the last word is being completed): the
/// candidates without their descriptions.
private func fishComplete(_ line: String, in directory: URL = repositoryRoot) throws -> [String] {
    let fish = try #require(executableOnPath("fish"))
    let script = repositoryRoot.appendingPathComponent("completions/se-attest.fish").path
    let result = try runTool(fish, ["--no-config", "-c", "source \(script); and complete -C 'se-attest \(line)'"],
                             in: directory)
    #expect(result.status == 0, "\(result.output)")
    return result.output.split(separator: "\n").map { String($0.split(separator: "\t", maxSplits: 1)[0]) }
}

@Suite("Docs: fish completion agrees with the option table", .enabled(if: executableOnPath("fish") != nil, "fish is not installed"))
struct DocsFishCompletionTests {
    @Test("the first word completes to the subcommands, and so does help's argument")
    func subcommands() throws {
        #expect(Set(try fishComplete("")) == Set(Subcommand.allCases.map(\.name)))
        #expect(try fishComplete("ex") == ["extract-hdr"])
        #expect(Set(try fishComplete("help ")) == Set(Subcommand.allCases.map(\.name)))
    }

    @Test("'--' completes to exactly the subcommand's long options and the global ones", arguments: Subcommand.allCases)
    func options(subcommand: Subcommand) throws {
        let spec = OptionTable.spec(for: subcommand)
        let expected = Set((spec.options + OptionTable.global).flatMap(\.spellings).filter { $0.hasPrefix("--") })
        #expect(Set(try fishComplete("\(subcommand.name) --")) == expected)
    }

    @Test("options with allowed values complete to exactly those values, comma lists too", arguments: Command.allCases)
    func enumeratedValues(command: Command) throws {
        for option in OptionTable.spec(for: .command(command)).options {
            guard let allowed = option.value?.allowed else { continue }
            #expect(Set(try fishComplete("\(command.rawValue) \(option.long) ")) == Set(allowed), "\(option.long)")
            if let short = option.short {
                #expect(Set(try fishComplete("\(command.rawValue) -\(short) ")) == Set(allowed), "-\(short)")
            }
            if option.commaSplit {
                #expect(Set(try fishComplete("\(command.rawValue) \(option.long) \(allowed[0]),"))
                        == Set(allowed.map { allowed[0] + "," + $0 }), "\(option.long) list")
            }
        }
    }

    @Test("file options and operands complete to file names; --cuid and create's operands to nothing")
    func fileNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-fish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["req.bin", "resp.bin"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
        }
        #expect(Set(try fishComplete("create -o re", in: folder)) == ["req.bin", "resp.bin"])
        #expect(Set(try fishComplete("verify --hdr ", in: folder)) == ["req.bin", "resp.bin"])
        #expect(Set(try fishComplete("perform r", in: folder)) == ["req.bin", "resp.bin"])
        #expect(try fishComplete("perform --cuid ", in: folder).isEmpty)
        #expect(try fishComplete("create r", in: folder).isEmpty)
    }
}
