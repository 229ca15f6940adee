# bash completion for se-attest: subcommands, options and their enumerated values.
# Kept equal to the parser's option table (Sources/SEAttestCLI/CLI/OptionTable.swift) by
# Tests/SEAttestTests/DocsCompletionTests.swift. Install as
# /usr/share/bash-completion/completions/se-attest, or source it from ~/.bashrc.

_se_attest_commands="create perform verify check inspect extract-hdr challenge help version"
_se_attest_global="-v --verbose -V -q --quiet -h --help --version"
_se_attest_valued="-k --host-key-document -C --cert --crt --crl --root-ca -o --output -a --arpk
    --add-data -i --input -u --user-data --host-key-private --hdr --cuid --format
    --host-key-check --secret --secret-store-locked --firmware-check-version --fw-ver
    --firmware-verify-url --seal-key --runtime-data-digest --challenge --evidence --report-data
    --max-age"

# Options of one subcommand (the global ones are added by the caller).
_se_attest_options() {
    case "$1" in
        create) echo "-k --host-key-document -C --cert --crt --crl --root-ca --offline --no-verify
                      -o --output -a --arpk --add-data" ;;
        perform) echo "-i --input -o --output -u --user-data --simulate --host-key-private --hdr --cuid
                       --challenge --runtime-data-digest" ;;
        verify) echo "-i --input --hdr -a --arpk -o --output --format -u --user-data
                      --evidence --seal-key --report-data --max-age --trustee-compatible" ;;
        check) echo "-i --input -o --output --format -k --host-key-document --host-key-check
                     -u --user-data --secret --secret-store-locked --firmware
                     --firmware-check-version --fw-ver --firmware-verify-url --hdr -a --arpk" ;;
        inspect) echo "-a --arpk --format" ;;
        extract-hdr) echo "-o --output" ;;
        challenge) echo "-k --host-key-document -C --cert --crt --crl --root-ca --offline --no-verify
                         --hdr --seal-key --runtime-data-digest -o --output" ;;
    esac
}

# Enumerated values of an option; "list" first when the option takes comma lists.
# Prints "none" for free-text values, nothing for file names.
_se_attest_values() {
    case "$2" in
        --add-data) echo "list phkh-img phkh-att secret-store-hash firmware-state" ;;
        --host-key-check) echo "list att-key-hash boot-key-hash" ;;
        --secret-store-locked) echo "true false" ;;
        --firmware-check-version | --fw-ver) echo "1 2" ;;
        --format) if [ "$1" = inspect ]; then echo "text yaml json"; else echo "yaml json"; fi ;;
        --cuid | --firmware-verify-url | --max-age) echo "none" ;;
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
    elif [ "$command" != version ]; then
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        compopt -o filenames 2>/dev/null
    fi
    return 0
}

complete -F _se_attest se-attest
