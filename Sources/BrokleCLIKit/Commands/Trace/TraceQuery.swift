import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle trace query [filters] [--user U] [--session S] [--tag T]... [--meta K=V]... [--limit N] [--order asc|desc]
/// [--after CURSOR] [--with-attempts] [--follow]`
struct TraceQuery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print traces, one JSON line each, newest first by default.",
        discussion: """
            Every line carries a `cursor`; pass the last one to --after for the next page. --follow keeps \
            printing traces as they land (like tail -f) until interrupted. Lines carry end_user, session_id, \
            tags (a JSON array) and metadata (a JSON object) when the client sent them. With --session the \
            conversation is listed in order, oldest first (--order desc reverses it).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: TraceFilterOptions
    @OptionGroup var identity: IdentityFilterOptions
    @Option(help: "Only requests through this key (id or public id).") var key: String?
    @Option(help: "Only this requested model.") var model: String?
    @Option(help: "Only this provider.") var provider: String?
    @Option(help: "Only this status: ok, error or cancelled.") var status: TraceRecord.Status?
    @Option(help: "Only requests that took at least this long.") var minLatencyMs: Double?
    @Flag(help: "Only requests served after a failover to another provider.") var fallback = false
    @Flag(help: "Only response-cache hits and requests with cached input tokens.") var cached = false
    @Option(help: "At most this many traces (1-10000).") var limit = 100
    @Option(help: "asc (oldest first) or desc (newest first; the default, except with --session).") var order: TraceQueryStore.Order?
    @Option(help: "Continue after this cursor (from a previous line).") var after: String?
    @Flag(help: "Include every upstream attempt (attempts_detail).") var withAttempts = false
    @Flag(help: "Keep printing new traces as they land, until interrupted.") var follow = false

    func validate() throws {
        if !(1...10_000).contains(limit) { throw ValidationError("--limit must be between 1 and 10000") }
        if let minLatencyMs, minLatencyMs < 0 { throw ValidationError("--min-latency-ms must be 0 or more") }
        if follow && after != nil { throw ValidationError("--follow starts from now; it does not take --after") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        var filter = try scope.filter(now: Date())
        filter.key = key
        filter.model = model
        filter.provider = provider
        filter.status = status
        filter.minLatencyMs = minLatencyMs
        filter.fallbackOnly = fallback
        filter.cachedOnly = cached
        identity.apply(to: &filter)
        // A session is a conversation: read in the order it happened.
        let order = order ?? (identity.session == nil ? .desc : .asc)
        let cursor = try after.map { (token) throws(BrokleError) in try TraceCursor(token: token) }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = TraceQueryStore(database)
            if follow {
                try await TraceFollower(store, filter: filter).run { (trace) throws(BrokleError) in
                    try context.emit(TraceRow(trace, withAttempts: false))
                }
                return
            }
            for trace in try await store.query(filter, order: order, limit: limit, after: cursor, withAttempts: withAttempts) {
                try context.emit(TraceRow(trace, withAttempts: withAttempts))
            }
            context.printer.finish()
        }
    }
}
