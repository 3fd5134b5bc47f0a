import BrokleCore
import BrokleSettings
import BrokleStorage
import ArgumentParser

/// `brokle trace purge --user U | --session S | --key K | --project ORG/PROJECT [--org ORG] [--content-only] [--yes]`
struct TracePurge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Erase an end user's, session's, key's or project's captured content and personal fields (GDPR erasure).",
        discussion: """
            Deletes the captured content (request and answer) of the matching traces and clears their end user, \
            session, tags and metadata, keeping the anonymised rows so cost and usage reports stay true; with \
            --content-only the personal fields stay. Also deletes the response-cache entries stored for that end user \
            (--user) or project (--project). Works in batches, so a running proxy keeps writing traces; on SQLite \
            erased rows are zeroed and the write-ahead log truncated, on PostgreSQL the tables are VACUUMed. \
            Spilled traces waiting in the spill folder are ingested first, so they are erased too. One line per \
            table: {"table","action","rows"}; a second run finds nothing left and prints zeros. Asks on a terminal; \
            needs --yes otherwise.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "This end user (the OpenAI `user`, Anthropic `metadata.user_id` or x-brokle-user).") var user: String?
    @Option(help: "This session (x-brokle-session).") var session: String?
    @Option(help: "Requests through this API key (id or public id).") var key: String?
    @Option(help: "Requests of this ORG/PROJECT.") var project: String?
    @Option(help: "Only in this organization (slug), with --user or --session.") var org: String?
    @Flag(help: "Delete only the captured content; keep end user, session, tags and metadata.") var contentOnly = false
    @Option(
        help: "Spill folder whose waiting traces are ingested first (env BROKLE_SPILL_DIR; default ./brokle-spill).", completion: .directory
    )
    var spillDir: String?
    @Flag(name: [.short, .long], help: "Do not ask for confirmation (needed without a terminal).") var yes = false

    func validate() throws {
        let given = [("--user", user), ("--session", session), ("--key", key), ("--project", project)].filter { $0.1 != nil }
        if given.isEmpty { throw ValidationError("name whose traces to erase: one of --user, --session, --key or --project") }
        if given.count > 1 {
            throw ValidationError("name one of --user, --session, --key or --project, not \(given.map(\.0).joined(separator: " and "))")
        }
        if let (flag, value) = given.first, (value ?? "").trimmingASCIIWhitespace().isEmpty {
            throw ValidationError("\(flag) needs a value")
        }
        if org != nil && user == nil && session == nil {
            throw ValidationError("--org scopes --user or --session; a key or project already names its organization")
        }
    }

    /// The selector named, with its slugs checked.
    func selector() throws(BrokleError) -> ErasureSelector {
        let org = try org.map { (slug) throws(BrokleError) in try Slug.validate(slug, what: "organization") }
        if let user { return .endUser(user.trimmingASCIIWhitespace(), org: org) }
        if let session { return .session(session.trimmingASCIIWhitespace(), org: org) }
        if let key { return .key(key) }
        if let project { return .project(try ProjectPath(project)) }
        throw BrokleError(.usage, "name whose traces to erase: one of --user, --session, --key or --project")
    }

    func run() async throws {
        let loader = ConfigLoader()
        let context = try CommandContext(global, loader: loader)
        let selector = try selector()
        let folder = try spillDir ?? loader.spillDirectory(global.flags)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await selector.resolve(on: database)
            if !yes {
                let what = contentOnly ? "the captured content" : "the captured content and personal fields"
                let cache = target.coversCache ? ", and its response-cache entries" : ""
                try Confirmation.require("Erase \(what) of every trace of \(selector)\(cache)?", flag: "--yes")
            }
            // Read first: the audit row that follows the erasure names an end user or session by it.
            let digest = try await InstallationSecrets(database).erasureDigest()
            // Traces spilled during an outage would come back with the next ingest: take them in first.
            let (ingested, failure) = await SpillIngest(database).ingestPending(TraceSpill(directory: folder))
            if let failure { throw failure }
            try context.emit(TracePurgeRow(table: "spill_files", action: "ingested", rows: ingested.count))
            let counts = try await TraceErasure(database).erase(target, contentOnly: contentOnly)
            try context.emit(TracePurgeRow(table: "trace_contents", action: "deleted", rows: counts.contentsDeleted))
            if !contentOnly { try context.emit(TracePurgeRow(table: "traces", action: "anonymised", rows: counts.tracesAnonymised)) }
            if let responses = counts.responsesDeleted {
                try context.emit(TracePurgeRow(table: "responses", action: "deleted", rows: responses))
            }
            if let counters = counts.limitCountersDeleted {
                try context.emit(TracePurgeRow(table: "limit_counters", action: "deleted", rows: counters))
            }
            if let entries = counts.cacheEntriesDeleted {
                try context.emit(TracePurgeRow(table: "cache_entries", action: "deleted", rows: entries))
            }
            // The erasure runs in many short transactions; its one audit row follows once it is done.
            try await AuditStore(database).record(
                .purge(selector, target: target, contentOnly: contentOnly, counts: counts, digest: digest, by: context.actor))
            context.printer.finish()
            try await ErasureScrub(database).afterErasure(contentOnly: contentOnly, days: counts.days)
        }
    }
}

/// One table a purge changed: what it did there and to how many rows.
struct TracePurgeRow: OutputRow {
    static let columns = ["table", "action", "rows"]
    var table: String
    var action: String
    var rows: Int
}
