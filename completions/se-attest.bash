# bash completion for se-attest: subcommands, options and their enumerated values.
# Generated from the option table (Sources/SEAttestCLI/CLI/OptionTable.swift); do not edit:
# run scripts/completions after changing the table. Install as
# /usr/share/bash-completion/completions/se-attest, or source it from ~/.bashrc.

_se_attest_commands="create perform verify check inspect extract-hdr challenge help version"
_se_attest_operand_commands="perform check inspect extract-hdr"
_se_attest_global="--verbose -v -V --quiet -q --help -h --version"
_se_attest_valued="--host-key-document -k --cert --crt -C --crl --root-ca --output -o --arpk -a --add-data --input -i --user-data -u --host-key-private --hdr --cuid --challenge --runtime-data-digest --format --evidence --seal-key --report-data --max-age --host-key-check --secret --secret-store-locked --firmware-check-version --fw-ver --firmware-verify-url"

# Options of one subcommand (the global ones are added by the caller).
_se_attest_options() {
    case "$1" in
        create) echo "--host-key-document -k --cert --crt -C --crl --root-ca --offline --no-verify --output -o --arpk -a --add-data" ;;
        perform) echo "--input -i --output -o --user-data -u --simulate --host-key-private --hdr --cuid --challenge --runtime-data-digest" ;;
        verify) echo "--input -i --hdr --arpk -a --output -o --format --user-data -u --evidence --seal-key --report-data --max-age --trustee-compatible" ;;
        check) echo "--input -i --output -o --format --host-key-document -k --host-key-check --user-data -u --secret --secret-store-locked --firmware --firmware-check-version --fw-ver --firmware-verify-url --hdr --arpk -a" ;;
        inspect) echo "--arpk -a --format" ;;
        extract-hdr) echo "--output -o" ;;
        challenge) echo "--host-key-document -k --cert --crt -C --crl --root-ca --offline --no-verify --hdr --seal-key --runtime-data-digest --output -o" ;;
    esac
}

# Values of option $2 of subcommand $1: "list" first when it takes comma lists, "none"
# for free text, nothing for file names.
_se_attest_values() {
    case "$1 $2" in
        "create --add-data") echo "list phkh-img phkh-att secret-store-hash firmware-state" ;;
        "perform --cuid") echo "none" ;;
        "perform --runtime-data-digest") echo "none" ;;
        "verify --format") echo "yaml json" ;;
        "verify --report-data") echo "none" ;;
        "verify --max-age") echo "none" ;;
        "check --format") echo "yaml json" ;;
        "check --host-key-check") echo "list att-key-hash boot-key-hash" ;;
        "check --secret-store-locked") echo "true false" ;;
        "check --firmware-check-version" | "check --fw-ver") echo "1 2" ;;
        "check --firmware-verify-url") echo "none" ;;
        "inspect --format") echo "text yaml json" ;;
        "challenge --runtime-data-digest") echo "none" ;;
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
