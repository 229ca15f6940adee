/// The bash completion script (`completions/se-attest.bash`): the table's words in four
/// variables and two functions, followed by fixed logic that finds the subcommand and the option
/// whose value is being completed.
enum BashCompletion {
    static var script: String {
        var out = """
            # bash completion for se-attest: subcommands, options and their enumerated values.
            # Generated from the option table (Sources/SEAttestCLI/CLI/OptionTable.swift); do not edit:
            # run scripts/completions after changing the table. Install as
            # /usr/share/bash-completion/completions/se-attest, or source it from ~/.bashrc.

            _se_attest_commands="\(CompletionModel.subcommands.map(\.subcommand.name).joined(separator: " "))"
            _se_attest_operand_commands="\(CompletionModel.subcommands.filter(CompletionModel.takesFiles).map(\.subcommand.name).joined(separator: " "))"
            _se_attest_global="\(OptionTable.global.flatMap(\.spellings).joined(separator: " "))"
            _se_attest_valued="\(CompletionModel.valuedSpellings.joined(separator: " "))"

            # Options of one subcommand (the global ones are added by the caller).
            _se_attest_options() {
                case "$1" in

            """
        for spec in CompletionModel.subcommands where !spec.options.isEmpty {
            out += "        \(spec.subcommand.name)) echo \"\(spec.options.flatMap(\.spellings).joined(separator: " "))\" ;;\n"
        }
        out += """
                esac
            }

            # Values of option $2 of subcommand $1: "list" first when it takes comma lists, "none"
            # for free text, nothing for file names.
            _se_attest_values() {
                case "$1 $2" in

            """
        for spec in CompletionModel.subcommands {
            for option in spec.options {
                let words: String
                switch CompletionModel.values(of: option) {
                case .choices(let allowed, let list)?: words = ((list ? ["list"] : []) + allowed).joined(separator: " ")
                case .text?: words = "none"
                case .files?, nil: continue
                }
                let patterns = option.spellings.map { "\"\(spec.subcommand.name) \($0)\"" }.joined(separator: " | ")
                out += "        \(patterns)) echo \"\(words)\" ;;\n"
            }
        }
        return out + logic
    }

    private static let logic = #"""
            esac
        }

        _se_attest_is_valued() {
            local option
            for option in $_se_attest_valued; do
                [ "$option" = "$1" ] && return 0
            done
            return 1
        }

        _se_attest() {
            local cur="${COMP_WORDS[COMP_CWORD]}" prev="" option="" prefix="" command="" ended=""
            local i word values
            COMPREPLY=()
            [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD - 1]}"

            # The subcommand is the first word that is neither an option nor an option's value.
            for ((i = 1; i < COMP_CWORD; i++)); do
                word="${COMP_WORDS[i]}"
                if [ -n "$ended" ] || [ "$word" = - ] || [ "${word#-}" = "$word" ]; then
                    [ -z "$command" ] && command="$word"
                elif [ "$word" = -- ]; then
                    ended=1
                elif _se_attest_is_valued "$word"; then
                    ((i++))
                    [ "${COMP_WORDS[i]}" = "=" ] && ((i++))
                fi
            done

            # Which option's value is being completed: "--opt VALUE", "--opt=VALUE" (one word, or
            # three words when COMP_WORDBREAKS holds '=').
            if [ -z "$ended" ]; then
                if [[ "$cur" == --*=* ]]; then
                    option="${cur%%=*}"; prefix="$option="; cur="${cur#*=}"
                elif [ "$cur" = "=" ] && [[ "$prev" == --* ]]; then
                    option="$prev"; cur=""
                elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
                    option="${COMP_WORDS[COMP_CWORD - 2]}"
                elif _se_attest_is_valued "$prev"; then
                    option="$prev"
                fi
            fi

            if [ -n "$option" ]; then
                values="$(_se_attest_values "$command" "$option")"
                case "$values" in
                    none) return 0 ;;
                    "") mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                        compopt -o filenames 2>/dev/null
                        return 0 ;;
                    list*)
                        values="${values#list }"
                        if [[ "$cur" == *,* ]]; then prefix="$prefix${cur%,*},"; cur="${cur##*,}"; fi ;;
                esac
                mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$values" -- "$cur")
                return 0
            fi

            if [ -z "$ended" ] && [[ "$cur" == -* ]]; then
                mapfile -t COMPREPLY < <(compgen -W "$_se_attest_global $(_se_attest_options "$command")" -- "$cur")
            elif [ -z "$command" ] || [ "$command" = help ]; then
                [ "$command" = help ] && [ "$prev" != help ] && return 0
                mapfile -t COMPREPLY < <(compgen -W "$_se_attest_commands" -- "$cur")
            elif [[ " $_se_attest_operand_commands " == *" $command "* ]]; then
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                compopt -o filenames 2>/dev/null
            fi
            return 0
        }

        complete -F _se_attest se-attest

        """#
}
