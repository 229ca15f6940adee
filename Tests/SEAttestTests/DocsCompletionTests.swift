import Foundation
import Testing
@testable import SEAttestCLI

/// What `_se_attest` offers for the words typed so far (the last one is being completed).
private func complete(_ words: [String], in directory: URL = repositoryRoot) throws -> [String] {
    let bash = try #require(executableOnPath("bash"))
    let script = """
        source "$SCRIPT" || exit 1
        COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        _se_attest
        printf '%s\\n' "${COMPREPLY[@]}"
        """
    let path = repositoryRoot.appendingPathComponent("completions/se-attest.bash").path
    let result = try runTool(bash, ["-c", "SCRIPT=\(path); " + script, "bash", "se-attest"] + words, in: directory)
    #expect(result.status == 0, "\(result.output)")
    return result.output.split(separator: "\n").map(String.init)
}

private let bashAvailable = executableOnPath("bash") != nil

@Suite("Docs: bash completion agrees with the option table", .enabled(if: bashAvailable, "bash is not installed"))
struct DocsCompletionTests {
    @Test("the first word completes to the subcommands")
    func subcommands() throws {
        #expect(try complete([""]) == Subcommand.allCases.map(\.name))
        #expect(try complete(["ex"]) == ["extract-hdr"])
        #expect(try complete(["help", ""]) == Subcommand.allCases.map(\.name))
        #expect(try complete(["-v", ""]) == Subcommand.allCases.map(\.name))
    }

    @Test("'-' completes to exactly the subcommand's options and the global ones", arguments: Subcommand.allCases)
    func options(subcommand: Subcommand) throws {
        let spec = OptionTable.spec(for: subcommand)
        let expected = Set((spec.options + OptionTable.global).flatMap(\.spellings))
        #expect(Set(try complete([subcommand.name, "-"])) == expected)
        // Options before the subcommand, with a value, do not hide it.
        #expect(Set(try complete(["-o", "x", subcommand.name, "-"])) == expected)
        #expect(Set(try complete(["-"])) == Set(OptionTable.global.flatMap(\.spellings)))
    }

    @Test("options with allowed values complete to exactly those values, under every spelling",
          arguments: Command.allCases)
    func enumeratedValues(command: Command) throws {
        for option in OptionTable.spec(for: .command(command)).options {
            guard let allowed = option.value?.allowed else { continue }
            for spelling in option.spellings {
                #expect(try complete([command.rawValue, spelling, ""]) == allowed, "\(command.rawValue) \(spelling)")
            }
            if option.spellings.first.map({ $0.hasPrefix("--") }) == true {
                #expect(try complete([command.rawValue, option.long + "="]) == allowed.map { option.long + "=" + $0 })
                #expect(try complete([command.rawValue, option.long, "=", ""]) == allowed)
            }
            if option.commaSplit {
                #expect(try complete([command.rawValue, option.long, allowed[0] + ","])
                        == allowed.map { allowed[0] + "," + $0 })
            }
        }
    }

    @Test("file options and operands complete to file names; --cuid and URLs to nothing")
    func fileNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["req.bin", "resp.bin", "arpk.bin"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
        }
        #expect(Set(try complete(["create", "-o", "re"], in: folder)) == ["req.bin", "resp.bin"])
        #expect(Set(try complete(["verify", "--hdr", ""], in: folder)) == ["req.bin", "resp.bin", "arpk.bin"])
        #expect(Set(try complete(["perform", "r"], in: folder)) == ["req.bin", "resp.bin"])
        #expect(try complete(["perform", "--cuid", ""], in: folder).isEmpty)
        #expect(try complete(["check", "--firmware-verify-url", ""], in: folder).isEmpty)
        #expect(try complete(["version", ""], in: folder).isEmpty)
    }

    @Test("create completes no file names as operands; perform, check, inspect and extract-hdr do")
    func operandFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("image.img").path, contents: Data())
        #expect(try complete(["create", "im"], in: folder).isEmpty)
        for command in ["perform", "check", "inspect", "extract-hdr"] {
            #expect(try complete([command, "im"], in: folder) == ["image.img"], "\(command)")
        }
    }
}
