/// The fish completion script (`completions/se-attest.fish`): one `complete` line per option of
/// each subcommand, conditioned on the subcommand typed.
enum FishCompletion {
    static var script: String {
        let names = CompletionModel.subcommands.map(\.subcommand.name).joined(separator: " ")
        var out = """
            # fish completion for se-attest: subcommands, options and their enumerated values.
            # Generated from the option table (Sources/SEAttestCLI/CLI/OptionTable.swift); do not edit:
            # run scripts/completions after changing the table. Install as
            # /usr/share/fish/vendor_completions.d/se-attest.fish.

            # Comma lists: the words of the list typed so far, followed by each allowed value.
            function __se_attest_list
                set -l token (string replace -r -- '^-[^=]*=' '' (commandline -ct))
                set -l prefix (string match -r -- '^.*,' "$token")
                printf '%s\\n' "$prefix"$argv
            end

            complete -c se-attest -f

            """
        for spec in CompletionModel.subcommands {
            out += "complete -c se-attest -n 'not __fish_seen_subcommand_from \(names)' -a \(spec.subcommand.name)"
                + " -d '\(CompletionModel.summary(spec.summary))'\n"
        }
        out += "complete -c se-attest -n '__fish_seen_subcommand_from help' -a '\(names)'\n"
        for option in OptionTable.global { out += line(option, condition: nil) }
        for spec in CompletionModel.subcommands {
            let condition = "__fish_seen_subcommand_from \(spec.subcommand.name)"
            if CompletionModel.takesFiles(spec) { out += "complete -c se-attest -n '\(condition)' -F\n" }
            for option in spec.options { out += line(option, condition: condition) }
        }
        return out
    }

    private static func line(_ option: OptionSpec, condition: String?) -> String {
        var words = ["complete", "-c", "se-attest"]
        if let condition { words += ["-n", "'\(condition)'"] }
        for spelling in option.spellings {
            words += spelling.hasPrefix("--") ? ["-l", String(spelling.dropFirst(2))] : ["-s", String(spelling.dropFirst())]
        }
        switch CompletionModel.values(of: option) {
        case .files?: words += ["-r", "-F"]
        case .text?: words += ["-x"]
        case .choices(let allowed, let list)?:
            let joined = allowed.joined(separator: " ")
            words += ["-x", "-a", list ? "'(__se_attest_list \(joined))'" : "'\(joined)'"]
        case nil: break
        }
        words += ["-d", "'\(CompletionModel.summary(option.help))'"]
        return words.joined(separator: " ") + "\n"
    }
}
