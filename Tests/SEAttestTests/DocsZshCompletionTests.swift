import Foundation
import Testing
@testable import SEAttestCLI

/// Runs zsh's real completion system on `completions/_se-attest`: an interactive `zsh -f` in a
/// pseudo-terminal (zsh/zpty) with compinit, where Tab is bound to a completion widget that runs
/// `_main_complete` with `compadd` wrapped to record the words it would offer (`$IPREFIX`, the
/// part of the word already consumed, such as `--format=`, included) into the file `$2`, lists
/// and inserts nothing, and prints a marker the driver waits for; Ctrl-U then clears the line.
private let zshDriver = #"""
    zmodload zsh/zpty || { print -u2 'zsh/zpty is missing'; exit 2 }
    completions=$1 out=$2; shift 2
    zpty capture zsh -f -i
    zpty -w capture "PS1= RPS1=; bindkey -e; fpath=(${(q)completions} \$fpath); autoload -Uz compinit; compinit -u -D"
    zpty -w capture 'compadd() {
        if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
        local -a hits; builtin compadd -O hits "$@"
        (( $#hits )) && print -rl -- "$IPREFIX"${^hits} >> $CAPTURE_OUT
        builtin compadd "$@"
    }'
    zpty -w capture '_capture() { _main_complete; compstate[list]=; compstate[insert]=; print -n "<capture-""done>" }'
    zpty -w capture "CAPTURE_OUT=${(q)out}; zle -C capture complete-word _capture; bindkey '^I' capture; print setup-\$((6*7))"
    zpty -r capture reply '*setup-42*' || exit 3
    for line in "$@"; do
        print -r -- "> $line" >> $out
        zpty -w -n capture "se-attest $line"$'\t'
        zpty -r capture reply '*<capture-done>*' || exit 4
        zpty -w -n capture $'\C-u'
    done
    zpty -d capture
    """#

/// What zsh offers for `se-attest` followed by each of `lines` (the last word is being
/// completed), in the order offered; all lines in one zsh, so that the suites stay fast.
private func zshComplete(_ lines: [String], in directory: URL = repositoryRoot) throws -> [String: [String]] {
    let zsh = try #require(executableOnPath("zsh"))
    let timeout = try #require(executableOnPath("timeout"))
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-zsh-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("offered")
    #expect(FileManager.default.createFile(atPath: out.path, contents: Data()))
    // The deadline only stops a hung zsh; a run takes about a second.
    let result = try runTool(timeout, ["60", zsh.path, "-f", "-c", zshDriver, "zsh",
                                       repositoryRoot.appendingPathComponent("completions").path, out.path] + lines,
                             in: directory)
    #expect(result.status == 0, "\(result.output)")
    var offered: [String: [String]] = [:]
    var current: String?
    for line in String(decoding: try Data(contentsOf: out), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
        if line.hasPrefix("> ") {
            current = String(line.dropFirst(2))
            offered[current!] = []
        } else if let current {
            offered[current, default: []].append(String(line))
        }
    }
    #expect(offered.count == Set(lines).count, "zsh answered \(offered.count) of \(lines.count) lines")
    return offered
}

/// A scratch folder holding empty files with these names, removed by the caller.
private func folder(with names: [String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-zsh-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in names {
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
    }
    return folder
}

/// A value the option accepts, for typing it before the word being completed.
private func sampleValue(_ option: OptionSpec) -> [String] {
    guard let value = option.value else { return [] }
    return [value.allowed?.first ?? "x"]
}

@Suite("Docs: zsh completion agrees with the option table", .enabled(if: executableOnPath("zsh") != nil, "zsh is not installed"))
struct DocsZshCompletionTests {
    @Test("the first word completes to the subcommands, also after global options, and so does help's argument")
    func subcommands() throws {
        let names = Subcommand.allCases.map(\.name)
        let offered = try zshComplete(["", "ex", "-v ", "-qv ", "help "])
        #expect(offered[""] == names)
        #expect(offered["ex"] == ["extract-hdr"])
        #expect(offered["-v "] == names)
        #expect(offered["-qv "] == names)
        #expect(offered["help "] == names)
    }

    @Test("'-' completes to exactly the subcommand's options and the global ones, '--' to the long ones")
    func options() throws {
        let offered = try zshComplete(Subcommand.allCases.flatMap { ["\($0.name) -", "\($0.name) --"] } + ["-"])
        for subcommand in Subcommand.allCases {
            let spellings = (OptionTable.spec(for: subcommand).options + OptionTable.global).flatMap(\.spellings)
            #expect(Set(offered["\(subcommand.name) -"] ?? []) == Set(spellings), "\(subcommand.name) -")
            #expect(offered["\(subcommand.name) -"]?.count == spellings.count, "\(subcommand.name) - offers each once")
            #expect(Set(offered["\(subcommand.name) --"] ?? []) == Set(spellings.filter { $0.hasPrefix("--") }),
                    "\(subcommand.name) --")
        }
        #expect(Set(offered["-"] ?? []) == Set(OptionTable.global.flatMap(\.spellings)))
    }

    @Test("an option given once is not offered again, under any spelling, unless it is repeatable")
    func givenOptions() throws {
        var expected: [String: Set<String>] = [:]
        for command in Command.allCases {
            let spec = OptionTable.spec(for: .command(command))
            let all = Set((spec.options + OptionTable.global).flatMap(\.spellings).filter { $0.hasPrefix("--") })
            for option in spec.options {
                let line = ([command.rawValue, option.spellings[0]] + sampleValue(option) + ["--"]).joined(separator: " ")
                expected[line] = option.repeatable ? all : all.subtracting(option.spellings)
            }
        }
        #expect(expected["check --secret x --"]?.contains("--secret") == true)
        #expect(expected["verify --format yaml --"]?.contains("--format") == false)
        let offered = try zshComplete(Array(expected.keys))
        for (line, options) in expected {
            #expect(Set(offered[line] ?? []) == options, "\(line)")
        }
    }

    @Test("options with allowed values complete to exactly those values, under every spelling, after '=', in comma lists")
    func enumeratedValues() throws {
        var expected: [String: [String]] = [:]
        for command in Command.allCases {
            for option in OptionTable.spec(for: .command(command)).options {
                guard let allowed = option.value?.allowed else { continue }
                for spelling in option.spellings {
                    expected["\(command.rawValue) \(spelling) "] = allowed
                    if spelling.hasPrefix("--") {
                        expected["\(command.rawValue) \(spelling)="] = allowed.map { spelling + "=" + $0 }
                    } else {
                        expected["\(command.rawValue) \(spelling)"] = allowed.map { spelling + $0 }
                    }
                }
                if option.commaSplit {
                    // zsh's _sequence leaves out the values already in the list.
                    expected["\(command.rawValue) \(option.long) \(allowed[0]),"] = allowed.dropFirst().map { allowed[0] + "," + $0 }
                    expected["\(command.rawValue) \(option.long)=\(allowed[0]),"] = allowed.dropFirst().map { option.long + "=" + allowed[0] + "," + $0 }
                }
            }
        }
        #expect(expected["verify --format "] == ["yaml", "json"])
        #expect(expected["create --add-data phkh-img,"] == ["phkh-img,phkh-att", "phkh-img,secret-store-hash", "phkh-img,firmware-state"])
        let offered = try zshComplete(Array(expected.keys))
        for (line, values) in expected {
            #expect(offered[line] == values, "\(line)")
        }
    }

    @Test("file options and operands complete to file names; free-text values and create's operands to nothing")
    func fileNames() throws {
        let names = ["req.bin", "resp.bin", "image.img"]
        let directory = try folder(with: names)
        defer { try? FileManager.default.removeItem(at: directory) }
        var expected: [String: Set<String>] = [:]
        for spec in OptionTable.commands where spec.subcommand != .help {
            for option in spec.options {
                guard let values = CompletionModel.values(of: option), values == .files || values == .text else { continue }
                let files: Set<String> = values == .files ? Set(names) : []
                for spelling in option.spellings {
                    expected["\(spec.subcommand.name) \(spelling) "] = files
                    if spelling.hasPrefix("--") {
                        expected["\(spec.subcommand.name) \(spelling)=re"] = Set(files.filter { $0.hasPrefix("re") }.map { spelling + "=" + $0 })
                    } else {
                        expected["\(spec.subcommand.name) \(spelling)re"] = Set(files.filter { $0.hasPrefix("re") }.map { spelling + $0 })
                    }
                }
            }
            expected["\(spec.subcommand.name) im"] = CompletionModel.takesFiles(spec) ? ["image.img"] : []
        }
        #expect(expected["create im"] == [] && expected["perform --cuid "] == [] && expected["verify --hdr "] == Set(names))
        #expect(expected["extract-hdr im"] == ["image.img"] && expected["check --firmware-verify-url "] == [])
        let offered = try zshComplete(Array(expected.keys) + ["perform r", "version "], in: directory)
        for (line, files) in expected {
            #expect(Set(offered[line] ?? ["(no answer)"]) == files, "\(line)")
        }
        #expect(Set(offered["perform r"] ?? []) == ["req.bin", "resp.bin"])
        // version takes no operands: zsh offers its options, never a file.
        #expect(Set(offered["version "] ?? []) == Set(OptionTable.global.flatMap(\.spellings)))
    }
}
