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
        case 'proxy'
            __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'host=' 'port=' 'config=' 'migrate' 'version' 'h/help'
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
        case 'orgs'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'name=' 'plan=' 'if-not-exists' 'version' 'h/help'
            case 'list'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
            case 'show'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
            case 'update'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'name=' 'plan=' 'slug=' 'version' 'h/help'
            case 'delete'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'cascade' 'y/yes' 'version' 'h/help'
            case 'projects'
                __brokle_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'create'
                    __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'name=' 'envs=' 'if-not-exists' 'version' 'h/help'
                case 'list'
                    __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
                case 'delete'
                    __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'cascade' 'y/yes' 'version' 'h/help'
                end
            case 'envs'
                __brokle_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'create'
                    __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'if-not-exists' 'version' 'h/help'
                case 'list'
                    __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
                case 'delete'
                    __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'cascade' 'y/yes' 'version' 'h/help'
                end
            case 'members'
                __brokle_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'add'
                    __brokle_parse_subcommand 2 'database-url=' 'env-file=' 'format=' 'log-level=' 'role=' 'name=' 'if-not-exists' 'config=' 'version' 'h/help'
                case 'list'
                    __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
                case 'set-role'
                    __brokle_parse_subcommand 2 'database-url=' 'env-file=' 'format=' 'log-level=' 'role=' 'version' 'h/help'
                case 'remove'
                    __brokle_parse_subcommand 2 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
                end
            end
        case 'keys'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'project=' 'env=' 'name=' 'expires-in=' 'expires-at=' 'models=' 'rpm=' 'tpm=' 'concurrency=' 'budget-usd=' 'budget-period=' 'if-not-exists' 'version' 'h/help'
            case 'list'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'include-revoked' 'version' 'h/help'
            case 'show'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
            case 'revoke'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'version' 'h/help'
            case 'rotate'
                __brokle_parse_subcommand 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'grace=' 'version' 'h/help'
            end
        case 'seed'
            __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'profile=' 'traces=' 'version' 'h/help'
        case 'route'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'test'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'model=' 'project=' 'env=' 'config=' 'dry-run' 'first' 'input-tokens=' 'output-tokens=' 'version' 'h/help'
            end
        case 'trace'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'query'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'since=' 'until=' 'org=' 'project=' 'env=' 'key=' 'model=' 'provider=' 'status=' 'min-latency-ms=' 'fallback' 'cached' 'limit=' 'order=' 'after=' 'with-attempts' 'follow' 'version' 'h/help'
            case 'ingest'
                __brokle_parse_subcommand -r 1 'database-url=' 'env-file=' 'format=' 'log-level=' 'spill-dir=' 'delete' 'version' 'h/help'
            end
        case 'cost'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'report'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'since=' 'until=' 'org=' 'project=' 'env=' 'group-by=+' 'no-total' 'fail-over-usd=' 'version' 'h/help'
            end
        case 'cache'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'stats'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'since=' 'until=' 'org=' 'project=' 'env=' 'model=' 'group-by=+' 'version' 'h/help'
            case 'purge'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'model=' 'older-than=' 'expired' 'y/yes' 'version' 'h/help'
            end
        case 'limits'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'set'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'key=' 'rpm=' 'tpm=' 'concurrency=' 'version' 'h/help'
            case 'list'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'version' 'h/help'
            case 'show'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'key=' 'version' 'h/help'
            case 'remove'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'key=' 'rpm' 'tpm' 'concurrency' 'version' 'h/help'
            end
        case 'budgets'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'set'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'key=' 'usd=' 'period=' 'if-not-exists' 'version' 'h/help'
            case 'list'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'version' 'h/help'
            case 'show'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'key=' 'period=' 'version' 'h/help'
            case 'remove'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'org=' 'project=' 'env=' 'key=' 'period=' 'version' 'h/help'
            end
        case 'config'
            __brokle_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __brokle_parse_subcommand 0 'database-url=' 'env-file=' 'format=' 'log-level=' 'config=' 'host=' 'port=' 'version' 'h/help'
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
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'proxy' -d 'Run the gateway (/v1/chat/completions, /v1/responses, /v1/messages, /v1/completions, /v1/embeddings, /v1/models).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'migrate' -d 'Apply, roll back and inspect the database schema.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'orgs' -d 'Manage organizations, projects, environments and members.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'keys' -d 'Create, list, revoke and rotate virtual API keys (bk_...).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'seed' -d 'Create demo data: an organization, two projects, environments, members, keys and traces.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'route' -d 'Explain and try the routing of a model.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'trace' -d 'Query the gateway\'s request traces, or ingest spilled ones.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'cost' -d 'Report usage and cost from the traces.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'cache' -d 'Report on the response cache, or purge its stored answers.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'limits' -d 'Set, list, show and remove requests/tokens per minute and concurrency limits on a scope.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'budgets' -d 'Set, list, show and remove USD budgets per day, week or month on a scope, with what the period has used.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'config' -d 'Check the configuration without starting the gateway.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" host' -l 'host' -d 'Address to listen on (env BROKLE_HOST; default 127.0.0.1).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" port' -l 'port' -d 'Port to listen on, 0 for any free port (env BROKLE_PORT; default 8080).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" config' -l 'config' -d 'Providers and models file (env BROKLE_CONFIG; default ./brokle.yaml if present, else the built-in mock).' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" migrate' -l 'migrate' -d 'Apply pending migrations before serving.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle proxy" h help' -s 'h' -l 'help' -d 'Show help information.'
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
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'create' -d 'Create an organization.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'list' -d 'List organizations.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'show' -d 'Show one organization.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'update' -d 'Change an organization\'s name, plan or slug.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'delete' -d 'Delete an organization (refused while it has projects, unless --cascade).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'projects' -d 'Manage the projects of an organization.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'envs' -d 'Manage the environments of a project.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs" -eq 1' -fa 'members' -d 'Manage who belongs to an organization, and their roles.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" name' -l 'name' -d 'Display name (default: the slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" plan' -l 'plan' -d 'Plan: free, pro, business or enterprise.' -rfka 'free pro business enterprise'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" if-not-exists' -l 'if-not-exists' -d 'If it already exists, print it and succeed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs list" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs list" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs list" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs list" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs list" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs show" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs show" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs show" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs show" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs show" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" name' -l 'name' -d 'New display name.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" plan' -l 'plan' -d 'New plan: free, pro, business or enterprise.' -rfka 'free pro business enterprise'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" slug' -l 'slug' -d 'New slug.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" cascade' -l 'cascade' -d 'Also delete its projects, environments, keys and memberships.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs projects" -eq 1' -fa 'create' -d 'Create a project, with its environments (development and production by default).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs projects" -eq 1' -fa 'list' -d 'List projects, of one organization or of all.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs projects" -eq 1' -fa 'delete' -d 'Delete a project and its environments (refused while it has live keys, unless --cascade).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" name' -l 'name' -d 'Display name (default: the slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" envs' -l 'envs' -d 'Comma-separated environments to create with it.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" if-not-exists' -l 'if-not-exists' -d 'If it already exists, print it and succeed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects list" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects list" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects list" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects list" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects list" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" cascade' -l 'cascade' -d 'Also delete its API keys.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs projects delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs envs" -eq 1' -fa 'create' -d 'Create an environment in a project.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs envs" -eq 1' -fa 'list' -d 'List the environments of an organization or project.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs envs" -eq 1' -fa 'delete' -d 'Delete an environment (refused while it has live keys, unless --cascade).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs create" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs create" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs create" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs create" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs create" if-not-exists' -l 'if-not-exists' -d 'If it already exists, print it and succeed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs create" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs list" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs list" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs list" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs list" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs list" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" cascade' -l 'cascade' -d 'Also delete its API keys.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs envs delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs members" -eq 1' -fa 'add' -d 'Add a member to an organization, within its plan\'s member limit.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs members" -eq 1' -fa 'list' -d 'List the members of an organization.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs members" -eq 1' -fa 'set-role' -d 'Change a member\'s role (the last owner cannot be demoted).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle orgs members" -eq 1' -fa 'remove' -d 'Remove a member from an organization (the last owner cannot be removed).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" role' -l 'role' -d 'owner, admin, developer or viewer.' -rfka 'owner admin developer viewer'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" name' -l 'name' -d 'The member\'s display name.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" if-not-exists' -l 'if-not-exists' -d 'If already a member, print the membership and succeed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" config' -l 'config' -d 'brokle.yaml whose plans: sets the member limits (env BROKLE_CONFIG; default ./brokle.yaml).' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members list" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members list" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members list" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members list" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members list" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members set-role" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members set-role" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members set-role" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members set-role" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members set-role" role' -l 'role' -d 'owner, admin, developer or viewer.' -rfka 'owner admin developer viewer'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members set-role" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members set-role" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members remove" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members remove" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members remove" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members remove" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members remove" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle orgs members remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle keys" -eq 1' -fa 'create' -d 'Create an API key. Its secret is printed once, in the `key` field, and never again.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle keys" -eq 1' -fa 'list' -d 'List API keys (never their secrets).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle keys" -eq 1' -fa 'show' -d 'Show one API key (by id or public id).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle keys" -eq 1' -fa 'revoke' -d 'Revoke an API key at once (by id or public id). Revoking twice is harmless.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle keys" -eq 1' -fa 'rotate' -d 'Give a key a new secret (printed once); the old secret keeps working until the grace period ends.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" project' -l 'project' -d 'ORG/PROJECT the key belongs to.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" env' -l 'env' -d 'Environment of the project (e.g. production).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" name' -l 'name' -d 'A name to recognise the key by.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" expires-in' -l 'expires-in' -d 'Expire after this long: 30d, 12h, 90m, 2w.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" expires-at' -l 'expires-at' -d 'Expire at this RFC 3339 time (2027-01-01T00:00:00Z).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" models' -l 'models' -d 'Comma-separated models the key may use; * is a wildcard (gpt-4o,claude-*). Default: all.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" rpm' -l 'rpm' -d 'Requests per minute (a positive whole number).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" tpm' -l 'tpm' -d 'Tokens per minute, input and output (a positive whole number).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" concurrency' -l 'concurrency' -d 'Requests in flight at once, streams included (a positive whole number).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" budget-usd' -l 'budget-usd' -d 'The key\'s budget in USD per --budget-period (a decimal number).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" budget-period' -l 'budget-period' -d 'The period of --budget-usd: day, week or month.' -rfka 'day week month'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" if-not-exists' -l 'if-not-exists' -d 'If a live key with this --name exists in the environment, print it (without a secret) and succeed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" org' -l 'org' -d 'Only keys of this organization.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" project' -l 'project' -d 'Only keys of this ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" env' -l 'env' -d 'Only keys of this environment (with --project).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" include-revoked' -l 'include-revoked' -d 'Include revoked keys.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys show" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys show" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys show" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys show" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys show" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys revoke" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys revoke" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys revoke" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys revoke" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys revoke" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys rotate" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys rotate" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys rotate" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys rotate" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys rotate" grace' -l 'grace' -d 'How long the old secret stays valid: 24h, 30m, 0s for not at all.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys rotate" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle keys rotate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" profile' -l 'profile' -d 'dev (org acme, no traces by default) or demo (org demo-co, 5000 traces by default).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" traces' -l 'traces' -d 'How many demo traces to have over the last 30 days.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle seed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle route" -eq 1' -fa 'test' -d 'Print a model\'s route plan, one JSON line per candidate in order, and try the candidates.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" model' -l 'model' -d 'The public model name (or provider/model).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" project' -l 'project' -d 'Check access for the keys of this ORG/PROJECT (with --env).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" env' -l 'env' -d 'The environment of --project.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" config' -l 'config' -d 'Providers and models file (env BROKLE_CONFIG; default ./brokle.yaml if present).' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" dry-run' -l 'dry-run' -d 'Only explain the order; send nothing.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" first' -l 'first' -d 'Send the test request to the first candidate only.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" input-tokens' -l 'input-tokens' -d 'Prompt tokens assumed for price estimates.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" output-tokens' -l 'output-tokens' -d 'Completion tokens assumed for price estimates.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle route test" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle trace" -eq 1' -fa 'query' -d 'Print traces, one JSON line each, newest first by default.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle trace" -eq 1' -fa 'ingest' -d 'Write spilled traces into the database, once each.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" since' -l 'since' -d 'From this time: RFC 3339, or a duration before now (90m, 24h, 7d).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" until' -l 'until' -d 'Before this time: RFC 3339, or a duration before now.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" org' -l 'org' -d 'Only this organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" project' -l 'project' -d 'Only this ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" env' -l 'env' -d 'Only this environment (with --project).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" key' -l 'key' -d 'Only requests through this key (id or public id).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" model' -l 'model' -d 'Only this requested model.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" provider' -l 'provider' -d 'Only this provider.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" status' -l 'status' -d 'Only this status: ok, error or cancelled.' -rfka 'ok error cancelled'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" min-latency-ms' -l 'min-latency-ms' -d 'Only requests that took at least this long.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" fallback' -l 'fallback' -d 'Only requests served after a failover to another provider.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" cached' -l 'cached' -d 'Only response-cache hits and requests with cached input tokens.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" limit' -l 'limit' -d 'At most this many traces (1-10000).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" order' -l 'order' -d 'asc (oldest first) or desc (newest first).' -rfka 'asc desc'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" after' -l 'after' -d 'Continue after this cursor (from a previous line).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" with-attempts' -l 'with-attempts' -d 'Include every upstream attempt (attempts_detail).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" follow' -l 'follow' -d 'Keep printing new traces as they land, until interrupted.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace query" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle trace ingest" -ge 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'jsonl\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" spill-dir' -l 'spill-dir' -d 'Spill folder to read when no FILE is given (env BROKLE_SPILL_DIR; default ./brokle-spill).' -rfa '(__brokle_complete_directories)'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" delete' -l 'delete' -d 'Remove each named FILE once its traces are stored.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle trace ingest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle cost" -eq 1' -fa 'report' -d 'Requests, errors, tokens and cost from the traces, grouped as asked, with a total line.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" since' -l 'since' -d 'From this time: RFC 3339, or a duration before now (90m, 24h, 7d).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" until' -l 'until' -d 'Before this time: RFC 3339, or a duration before now.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" org' -l 'org' -d 'Only this organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" project' -l 'project' -d 'Only this ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" env' -l 'env' -d 'Only this environment (with --project).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report"' -l 'group-by' -d 'Dimensions to group by (org, project, env, key, model, provider, day, hour).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" no-total' -l 'no-total' -d 'Do not print the final {"total": ...} line.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" fail-over-usd' -l 'fail-over-usd' -d 'Exit with status 10 when the total cost is above this amount (USD).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cost report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle cache" -eq 1' -fa 'stats' -d 'Lookups, hits, tokens and USD saved by the response cache, and the entries it holds.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle cache" -eq 1' -fa 'purge' -d 'Delete stored answers of the response cache; prints {"purged": N, "bytes": B}.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" since' -l 'since' -d 'From this time: RFC 3339, or a duration before now (90m, 24h, 7d).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" until' -l 'until' -d 'Before this time: RFC 3339, or a duration before now.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" org' -l 'org' -d 'Only this organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" project' -l 'project' -d 'Only this ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" env' -l 'env' -d 'Only this environment (with --project).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" model' -l 'model' -d 'Only this requested model.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats"' -l 'group-by' -d 'Dimensions to group by (model, project, env, day).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache stats" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" org' -l 'org' -d 'Only this organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" project' -l 'project' -d 'Only this ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" env' -l 'env' -d 'Only this environment (with --project).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" model' -l 'model' -d 'Only entries of this requested model.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" older-than' -l 'older-than' -d 'Only entries created longer ago than this (90m, 24h, 7d).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" expired' -l 'expired' -d 'Only entries that have already expired.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation (needed to purge everything without a terminal).'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle cache purge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle limits" -eq 1' -fa 'set' -d 'Set limits on a scope; kinds not given keep their value. Prints the resulting limits.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle limits" -eq 1' -fa 'list' -d 'List the limits set on every scope.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle limits" -eq 1' -fa 'show' -d 'Show the limits set on one scope.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle limits" -eq 1' -fa 'remove' -d 'Remove limits from a scope: the kinds flagged, or all of them. Prints what was removed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" org' -l 'org' -d 'An organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" project' -l 'project' -d 'A project: ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" env' -l 'env' -d 'An environment: ORG/PROJECT/ENV.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" key' -l 'key' -d 'An API key: its id or public_id (as `brokle keys list` prints them).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" rpm' -l 'rpm' -d 'Requests per minute (a positive whole number).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" tpm' -l 'tpm' -d 'Tokens per minute, input and output (a positive whole number).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" concurrency' -l 'concurrency' -d 'Requests in flight at once, streams included (a positive whole number).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits list" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits list" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits list" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits list" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits list" org' -l 'org' -d 'Only this organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits list" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" org' -l 'org' -d 'An organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" project' -l 'project' -d 'A project: ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" env' -l 'env' -d 'An environment: ORG/PROJECT/ENV.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" key' -l 'key' -d 'An API key: its id or public_id (as `brokle keys list` prints them).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" org' -l 'org' -d 'An organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" project' -l 'project' -d 'A project: ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" env' -l 'env' -d 'An environment: ORG/PROJECT/ENV.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" key' -l 'key' -d 'An API key: its id or public_id (as `brokle keys list` prints them).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" rpm' -l 'rpm' -d 'Remove the requests-per-minute limit.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" tpm' -l 'tpm' -d 'Remove the tokens-per-minute limit.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" concurrency' -l 'concurrency' -d 'Remove the concurrency limit.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle limits remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle budgets" -eq 1' -fa 'set' -d 'Set a scope\'s budget for a period (replacing its amount). Prints the budget and its use.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle budgets" -eq 1' -fa 'list' -d 'List every scope\'s budgets with what the current period has spent, reserved and left.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle budgets" -eq 1' -fa 'show' -d 'Show one scope\'s budgets (or the one of --period) with the current period\'s use.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle budgets" -eq 1' -fa 'remove' -d 'Remove a scope\'s budgets (every period, or --period). Prints what was removed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" org' -l 'org' -d 'An organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" project' -l 'project' -d 'A project: ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" env' -l 'env' -d 'An environment: ORG/PROJECT/ENV.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" key' -l 'key' -d 'An API key: its id or public_id (as `brokle keys list` prints them).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" usd' -l 'usd' -d 'The amount in USD, a decimal number (500, 0.05).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" period' -l 'period' -d 'day, week or month (calendar, UTC).' -rfka 'day week month'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" if-not-exists' -l 'if-not-exists' -d 'If the scope already has a budget for this period, print it unchanged and succeed.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets list" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets list" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets list" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets list" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets list" org' -l 'org' -d 'Only this organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets list" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" org' -l 'org' -d 'An organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" project' -l 'project' -d 'A project: ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" env' -l 'env' -d 'An environment: ORG/PROJECT/ENV.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" key' -l 'key' -d 'An API key: its id or public_id (as `brokle keys list` prints them).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" period' -l 'period' -d 'Only this period: day, week or month.' -rfka 'day week month'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" org' -l 'org' -d 'An organization (slug).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" project' -l 'project' -d 'A project: ORG/PROJECT.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" env' -l 'env' -d 'An environment: ORG/PROJECT/ENV.' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" key' -l 'key' -d 'An API key: its id or public_id (as `brokle keys list` prints them).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" period' -l 'period' -d 'Only this period: day, week or month.' -rfka 'day week month'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle budgets remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_positional "brokle config" -eq 1' -fa 'check' -d 'Validate the configuration as `brokle proxy` would and print every resolved setting with its source.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" database-url' -l 'database-url' -d 'Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" env-file' -l 'env-file' -d 'Read variables from this dotenv file instead of ./.env.' -rF
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" format' -l 'format' -d 'Output format (env BROKLE_FORMAT; default jsonl).' -rfka 'jsonl table'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" log-level' -l 'log-level' -d 'Log level on stderr (env BROKLE_LOG_LEVEL; default info).' -rfka 'trace debug info notice warning error critical'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" config' -l 'config' -d 'Providers and models file (env BROKLE_CONFIG; default ./brokle.yaml if present, else the built-in catalog).' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" host' -l 'host' -d 'Address the proxy would listen on (env BROKLE_HOST).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" port' -l 'port' -d 'Port the proxy would listen on (env BROKLE_PORT).' -rfka ''
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" version' -l 'version' -d 'Show the version.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle config check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'brokle' -n '__brokle_should_offer_completions_for_flags_or_options "brokle help" version' -l 'version' -d 'Show the version.'
