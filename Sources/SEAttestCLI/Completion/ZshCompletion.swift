/// The zsh completion function (`completions/_se-attest`): `_arguments` specifications for the
/// global options and for each subcommand's options and operands.
enum ZshCompletion {
    static var script: String {
        var out = """
            #compdef se-attest
            # zsh completion for se-attest: subcommands, options and their enumerated values.
            # Generated from the option table (Sources/SEAttestCLI/CLI/OptionTable.swift); do not edit:
            # run scripts/completions after changing the table. Install as _se-attest in a folder
            # of $fpath, e.g. /usr/share/zsh/vendor-completions.

            _se-attest() {
                local curcontext="$curcontext" state line ret=1
                typeset -A opt_args
                local -a global=(

            """
        out += OptionTable.global.flatMap(specs).map { "        \($0)\n" }.joined()
        out += """
                )
                _arguments -C -s -S $global '1:command:->command' '*::argument:->argument' && ret=0
                case $state in
                    command)
                        local -a commands=(

            """
        for spec in CompletionModel.subcommands {
            out += "                '\(spec.subcommand.name):\(CompletionModel.summary(spec.summary))'\n"
        }
        let names = CompletionModel.subcommands.map(\.subcommand.name).joined(separator: " ")
        out += """
                        )
                        _describe -t commands command commands && ret=0
                        ;;
                    argument)
                        curcontext="${curcontext%:*:*}:se-attest-$words[1]:"
                        case $words[1] in
                            help) _arguments -s -S $global '1:command:(\(names))' && ret=0 ;;

            """
        for spec in CompletionModel.subcommands where spec.subcommand != .help {
            var arguments = spec.options.flatMap(specs).map { "\n                    \($0)" }.joined()
            for (index, operand) in spec.operands.enumerated() {
                arguments += "\n                    '\(index + 1):\(operand.name.lowercased()):_files'"
            }
            out += "                \(spec.subcommand.name)) _arguments -s -S $global\(arguments.replacingNewlines) && ret=0 ;;\n"
        }
        return out + """
                        esac
                        ;;
                esac
                return ret
            }

            _se-attest "$@"

            """
    }

    /// One `_arguments` specification per spelling: repeatable ones start with `*`, the others
    /// exclude their other spellings.
    private static func specs(_ option: OptionSpec) -> [String] {
        let spellings = option.spellings
        let exclusion = option.repeatable ? "*" : "(\(spellings.joined(separator: " ")))"
        let description = "[\(CompletionModel.summary(option.help))]"
        return spellings.map { spelling in
            let suffix = option.value == nil ? "" : spelling.hasPrefix("--") ? "=" : "+"
            let placeholder = option.value?.name.lowercased() ?? ""
            let action: String
            switch CompletionModel.values(of: option) {
            case .files?: action = ":\(placeholder):_files"
            case .text?: action = ":\(placeholder): "
            case .choices(let allowed, let list)?:
                let words = allowed.joined(separator: " ")
                action = list ? ":\(placeholder):_sequence compadd - \(words)"
                    : ":\(placeholder):(\(words))"
            case nil: action = ""
            }
            return "'\(exclusion)\(spelling)\(suffix)\(description)\(action)'"
        }
    }
}

private extension String {
    /// Continuation lines for a long `_arguments` call.
    var replacingNewlines: String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " \\\n") }
}
