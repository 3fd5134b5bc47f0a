#!/bin/bash

__brokle_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__brokle_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__brokle_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__brokle_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_brokle() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    proxy|migrate|orgs|keys|seed|route|trace|cost|cache|limits|budgets|guardrails|logging|audit|config|users|ui|help)
        # Offer subcommand argument completions
        "_brokle_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'proxy migrate orgs keys seed route trace cost cache limits budgets guardrails logging audit config users ui help' -- "${cur}"))
        ;;
    esac
}

_brokle_proxy() {
    repeating_flags=()
    non_repeating_flags=(--migrate --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --host --port --config)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    '--config')
        __brokle_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_brokle_migrate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    up|down|status|create|force|reset)
        # Offer subcommand argument completions
        "_brokle_migrate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'up down status create force reset' -- "${cur}"))
        ;;
    esac
}

_brokle_migrate_up() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --steps)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--steps')
        return
        ;;
    esac
}

_brokle_migrate_down() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --steps)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--steps')
        return
        ;;
    esac
}

_brokle_migrate_status() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_migrate_create() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --dir)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--dir')
        __brokle_add_completions -d
        return
        ;;
    esac
}

_brokle_migrate_force() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_migrate_reset() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|update|delete|projects|envs|members)
        # Offer subcommand argument completions
        "_brokle_orgs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show update delete projects envs members' -- "${cur}"))
        ;;
    esac
}

_brokle_orgs_create() {
    repeating_flags=()
    non_repeating_flags=(--if-not-exists --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --name --plan)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--name')
        return
        ;;
    '--plan')
        __brokle_add_completions -W 'free'$'\n''pro'$'\n''business'$'\n''enterprise'
        return
        ;;
    esac
}

_brokle_orgs_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_update() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --name --plan --slug)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--name')
        return
        ;;
    '--plan')
        __brokle_add_completions -W 'free'$'\n''pro'$'\n''business'$'\n''enterprise'
        return
        ;;
    '--slug')
        return
        ;;
    esac
}

_brokle_orgs_delete() {
    repeating_flags=()
    non_repeating_flags=(--cascade -y --yes --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_projects() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|delete)
        # Offer subcommand argument completions
        "_brokle_orgs_projects_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list delete' -- "${cur}"))
        ;;
    esac
}

_brokle_orgs_projects_create() {
    repeating_flags=()
    non_repeating_flags=(--if-not-exists --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --name --envs)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--name')
        return
        ;;
    '--envs')
        return
        ;;
    esac
}

_brokle_orgs_projects_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_projects_delete() {
    repeating_flags=()
    non_repeating_flags=(--cascade -y --yes --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_envs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|delete)
        # Offer subcommand argument completions
        "_brokle_orgs_envs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list delete' -- "${cur}"))
        ;;
    esac
}

_brokle_orgs_envs_create() {
    repeating_flags=()
    non_repeating_flags=(--if-not-exists --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_envs_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_envs_delete() {
    repeating_flags=()
    non_repeating_flags=(--cascade -y --yes --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_members() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|set-role|remove)
        # Offer subcommand argument completions
        "_brokle_orgs_members_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list set-role remove' -- "${cur}"))
        ;;
    esac
}

_brokle_orgs_members_add() {
    repeating_flags=()
    non_repeating_flags=(--if-not-exists --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --role --name --config)
    __brokle_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--role')
        __brokle_add_completions -W 'owner'$'\n''admin'$'\n''developer'$'\n''viewer'
        return
        ;;
    '--name')
        return
        ;;
    '--config')
        __brokle_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_brokle_orgs_members_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_orgs_members_set-role() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --role)
    __brokle_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--role')
        __brokle_add_completions -W 'owner'$'\n''admin'$'\n''developer'$'\n''viewer'
        return
        ;;
    esac
}

_brokle_orgs_members_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_keys() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|revoke|rotate)
        # Offer subcommand argument completions
        "_brokle_keys_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show revoke rotate' -- "${cur}"))
        ;;
    esac
}

_brokle_keys_create() {
    repeating_flags=()
    non_repeating_flags=(--if-not-exists --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --project --env --name --expires-in --expires-at --models --rpm --tpm --concurrency --budget-usd --budget-period)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--name')
        return
        ;;
    '--expires-in')
        return
        ;;
    '--expires-at')
        return
        ;;
    '--models')
        return
        ;;
    '--rpm')
        return
        ;;
    '--tpm')
        return
        ;;
    '--concurrency')
        return
        ;;
    '--budget-usd')
        return
        ;;
    '--budget-period')
        __brokle_add_completions -W 'day'$'\n''week'$'\n''month'
        return
        ;;
    esac
}

_brokle_keys_list() {
    repeating_flags=()
    non_repeating_flags=(--include-revoked --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    esac
}

_brokle_keys_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_keys_revoke() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_keys_rotate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --grace)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--grace')
        return
        ;;
    esac
}

_brokle_seed() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --profile --traces)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--profile')
        return
        ;;
    '--traces')
        return
        ;;
    esac
}

_brokle_route() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    test)
        # Offer subcommand argument completions
        "_brokle_route_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'test' -- "${cur}"))
        ;;
    esac
}

_brokle_route_test() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --first --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --model --project --env --config --input-tokens --output-tokens)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--model')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--config')
        __brokle_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    '--input-tokens')
        return
        ;;
    '--output-tokens')
        return
        ;;
    esac
}

_brokle_trace() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    query|show|ingest|prune|purge)
        # Offer subcommand argument completions
        "_brokle_trace_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'query show ingest prune purge' -- "${cur}"))
        ;;
    esac
}

_brokle_trace_query() {
    repeating_flags=()
    non_repeating_flags=(--fallback --cached --with-attempts --follow --version -h --help)
    repeating_options=(--tag --meta)
    non_repeating_options=(--database-url --env-file --format --log-level --since --until --org --project --env --user --session --key --model --provider --status --min-latency-ms --limit --order --after)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--user')
        return
        ;;
    '--session')
        return
        ;;
    '--tag')
        return
        ;;
    '--meta')
        return
        ;;
    '--key')
        return
        ;;
    '--model')
        return
        ;;
    '--provider')
        return
        ;;
    '--status')
        __brokle_add_completions -W 'ok'$'\n''error'$'\n''cancelled'
        return
        ;;
    '--min-latency-ms')
        return
        ;;
    '--limit')
        return
        ;;
    '--order')
        __brokle_add_completions -W 'asc'$'\n''desc'
        return
        ;;
    '--after')
        return
        ;;
    esac
}

_brokle_trace_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_trace_ingest() {
    repeating_flags=()
    non_repeating_flags=(--delete --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --spill-dir)
    __brokle_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--spill-dir')
        __brokle_add_completions -d
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __brokle_add_completions -o plusdirs -fX '!*.@(jsonl)'
        return
        ;;
    esac
}

_brokle_trace_prune() {
    repeating_flags=()
    non_repeating_flags=(--content-only --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --older-than)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--older-than')
        return
        ;;
    esac
}

_brokle_trace_purge() {
    repeating_flags=()
    non_repeating_flags=(--content-only -y --yes --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --user --session --key --project --org --spill-dir)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--user')
        return
        ;;
    '--session')
        return
        ;;
    '--key')
        return
        ;;
    '--project')
        return
        ;;
    '--org')
        return
        ;;
    '--spill-dir')
        __brokle_add_completions -d
        return
        ;;
    esac
}

_brokle_cost() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    report)
        # Offer subcommand argument completions
        "_brokle_cost_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'report' -- "${cur}"))
        ;;
    esac
}

_brokle_cost_report() {
    repeating_flags=()
    non_repeating_flags=(--no-total --version -h --help)
    repeating_options=(--group-by)
    non_repeating_options=(--database-url --env-file --format --log-level --since --until --org --project --env --fail-over-usd)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--group-by')
        return
        ;;
    '--fail-over-usd')
        return
        ;;
    esac
}

_brokle_cache() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    stats|purge)
        # Offer subcommand argument completions
        "_brokle_cache_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'stats purge' -- "${cur}"))
        ;;
    esac
}

_brokle_cache_stats() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--tag --group-by)
    non_repeating_options=(--database-url --env-file --format --log-level --since --until --org --project --env --model)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--model')
        return
        ;;
    '--tag')
        return
        ;;
    '--group-by')
        return
        ;;
    esac
}

_brokle_cache_purge() {
    repeating_flags=()
    non_repeating_flags=(--expired -y --yes --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --model --older-than)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--model')
        return
        ;;
    '--older-than')
        return
        ;;
    esac
}

_brokle_limits() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    set|list|show|remove)
        # Offer subcommand argument completions
        "_brokle_limits_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'set list show remove' -- "${cur}"))
        ;;
    esac
}

_brokle_limits_set() {
    repeating_flags=()
    non_repeating_flags=(--per-user --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key --rpm --tpm --concurrency)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    '--rpm')
        return
        ;;
    '--tpm')
        return
        ;;
    '--concurrency')
        return
        ;;
    esac
}

_brokle_limits_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    esac
}

_brokle_limits_show() {
    repeating_flags=()
    non_repeating_flags=(--per-user --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_brokle_limits_remove() {
    repeating_flags=()
    non_repeating_flags=(--per-user --rpm --tpm --concurrency --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_brokle_budgets() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    set|list|show|remove)
        # Offer subcommand argument completions
        "_brokle_budgets_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'set list show remove' -- "${cur}"))
        ;;
    esac
}

_brokle_budgets_set() {
    repeating_flags=()
    non_repeating_flags=(--per-user --if-not-exists --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key --usd --period)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    '--usd')
        return
        ;;
    '--period')
        __brokle_add_completions -W 'day'$'\n''week'$'\n''month'
        return
        ;;
    esac
}

_brokle_budgets_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    esac
}

_brokle_budgets_show() {
    repeating_flags=()
    non_repeating_flags=(--per-user --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key --period --user)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    '--period')
        __brokle_add_completions -W 'day'$'\n''week'$'\n''month'
        return
        ;;
    '--user')
        return
        ;;
    esac
}

_brokle_budgets_remove() {
    repeating_flags=()
    non_repeating_flags=(--per-user --version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key --period)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    '--period')
        __brokle_add_completions -W 'day'$'\n''week'$'\n''month'
        return
        ;;
    esac
}

_brokle_guardrails() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    set|list|show|remove|test)
        # Offer subcommand argument completions
        "_brokle_guardrails_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'set list show remove test' -- "${cur}"))
        ;;
    esac
}

_brokle_guardrails_set() {
    repeating_flags=()
    non_repeating_flags=(--restore --no-restore --no-deny --replace --version -h --help)
    repeating_options=(--input --output --deny)
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key --policy --config)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    '--input')
        return
        ;;
    '--output')
        return
        ;;
    '--deny')
        return
        ;;
    '--policy')
        return
        ;;
    '--config')
        __brokle_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_brokle_guardrails_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    esac
}

_brokle_guardrails_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_brokle_guardrails_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --key)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_brokle_guardrails_test() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --text --config --model --policy)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--text')
        return
        ;;
    '--config')
        __brokle_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    '--model')
        return
        ;;
    '--policy')
        return
        ;;
    esac
}

_brokle_logging() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    set|list|show|remove)
        # Offer subcommand argument completions
        "_brokle_logging_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'set list show remove' -- "${cur}"))
        ;;
    esac
}

_brokle_logging_set() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env --content --trace-retention --content-retention)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    '--content')
        return
        ;;
    '--trace-retention')
        return
        ;;
    '--content-retention')
        return
        ;;
    esac
}

_brokle_logging_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    esac
}

_brokle_logging_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    esac
}

_brokle_logging_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --project --env)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--project')
        return
        ;;
    '--env')
        return
        ;;
    esac
}

_brokle_audit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    query)
        # Offer subcommand argument completions
        "_brokle_audit_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'query' -- "${cur}"))
        ;;
    esac
}

_brokle_audit_query() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --org --actor --action --target --since --until --limit --before)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--org')
        return
        ;;
    '--actor')
        return
        ;;
    '--action')
        return
        ;;
    '--target')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--limit')
        return
        ;;
    '--before')
        return
        ;;
    esac
}

_brokle_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check)
        # Offer subcommand argument completions
        "_brokle_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check' -- "${cur}"))
        ;;
    esac
}

_brokle_config_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --config --host --port)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--config')
        __brokle_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    esac
}

_brokle_users() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    passwd)
        # Offer subcommand argument completions
        "_brokle_users_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'passwd' -- "${cur}"))
        ;;
    esac
}

_brokle_users_passwd() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level)
    __brokle_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_brokle_ui() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    link)
        # Offer subcommand argument completions
        "_brokle_ui_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'link' -- "${cur}"))
        ;;
    esac
}

_brokle_ui_link() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--database-url --env-file --format --log-level --email --ttl)
    __brokle_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--database-url')
        return
        ;;
    '--env-file')
        __brokle_add_completions -f
        return
        ;;
    '--format')
        __brokle_add_completions -W 'jsonl'$'\n''table'
        return
        ;;
    '--log-level')
        __brokle_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    '--email')
        return
        ;;
    '--ttl')
        return
        ;;
    esac
}

_brokle_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __brokle_offer_flags_options -1
}

complete -o filenames -F _brokle brokle
