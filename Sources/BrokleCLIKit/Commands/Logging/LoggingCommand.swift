import ArgumentParser

/// `brokle logging`: what organizations, projects and environments keep of their requests.
struct LoggingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logging",
        abstract: "Set, list, show and remove what a scope keeps of its requests: content capture and retention.",
        discussion: """
            A scope is one of --org ORG, --project ORG/PROJECT or --env ORG/PROJECT/ENV. A request's content (what was \
            asked and answered) is kept as the narrowest of its environment, project and organization says (off, \
            redacted or full), else as BROKLE_LOG_CONTENT says. Retention (--trace-retention, --content-retention) is \
            set on an organization and overrides BROKLE_TRACE_RETENTION and BROKLE_CONTENT_RETENTION for its traces.
            """,
        subcommands: [LoggingSet.self, LoggingList.self, LoggingShow.self, LoggingRemove.self]
    )
}
