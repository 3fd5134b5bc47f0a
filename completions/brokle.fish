function __brokle_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __brokle_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __brokle_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __brokle_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __brokle_parse_tokens -S
    set -l unparsed_tokens (__brokle_tokens -pc)
    switch $unparsed_tokens[1]
    case 'brokle'
        __brokle_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'migrate'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'up'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'steps=' 'dry-run' 'version' 'h/help'
            case 'down'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'steps=' 'dry-run' 'version' 'h/help'
            case 'status'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
            case 'create'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'dir=' 'version' 'h/help'
            case 'force'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
            case 'reset'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'y/yes' 'dry-run' 'version' 'h/help'
            end
        case 'help'
            __brokle_parse_subcommand -r 1 'version'
        end
    end
end

function __brokle_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __brokle_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __brokle_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __brokle_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__brokle_tokens -p)
    if test -z "$(__brokle_tokens -t)"
        set -l index (count (__brokle_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'brokle' -f
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'migrate' -d 'Apply, roll back and inspect the database schema.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle migrate" -eq 1' -fa 'up' -d 'Apply pending migrations, oldest first, one transaction each.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle migrate" -eq 1' -fa 'down' -d 'Roll back the newest applied migrations, one transaction each.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle migrate" -eq 1' -fa 'status' -d 'Show every migration: version, name, applied, applied_at, dirty.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle migrate" -eq 1' -fa 'create' -d 'Write an empty up/down migration pair for SQLite and PostgreSQL under migrations/.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle migrate" -eq 1' -fa 'force' -d 'Mark the database as exactly at VERSION and clean (clears a dirty state; runs no migration SQL).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle migrate" -eq 1' -fa 'reset' -d 'Roll back every applied migration (destroys all Brokle data). Asks first on a terminal; needs --yes otherwise.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" steps' -l 'steps' -d 'Apply at most this many migrations (default: all pending).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" dry-run' -l 'dry-run' -d 'Print the SQL that would run; change nothing.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate up" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" steps' -l 'steps' -d 'Roll back this many migrations.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" dry-run' -l 'dry-run' -d 'Print the SQL that would run; change nothing.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate down" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate status" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate status" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate status" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate status" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate status" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate create" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate create" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate create" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate create" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate create" dir' -l 'dir' -d 'The migrations folder (holding sqlite/ and postgres/).' -rfa '(__brokle_complete_directories)'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate create" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate force" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate force" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate force" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate force" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate force" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate force" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" dry-run' -l 'dry-run' -d 'Print the SQL that would run; change nothing.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle migrate reset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle help" version' -l 'version' -d 'Show the version.'
