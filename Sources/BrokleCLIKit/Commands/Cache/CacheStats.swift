import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle cache stats [--since] [--until] [--org|--project|--env] [--model M] [--tag T]... [--group-by model,project,env,day]`
struct CacheStats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Lookups, hits, tokens and USD saved by the response cache, and the entries it holds.",
        discussion: """
            Counts requests whose model had caching on (traces with a cache result) in the period. Groups: model, \
            project, env, day (UTC), comma-separated or repeated; one line per group, or one {"total": {...}} line \
            without --group-by. hit_rate is hits / lookups (exact + semantic hits + misses; bypasses are not lookups). \
            usd_saved is what hits did not spend minus the semantic cache's embedder cost (usd_embedding). entries \
            and bytes count the live stored answers now under the same tenancy and model filters (the period does \
            not apply); they are null in rows grouped by day, since entries are a snapshot, not a time series. \
            --tag (repeatable: all must match) counts only the requests carrying the tag (x-brokle-tags); entries \
            and bytes are then null, as stored answers are shared by every request that asks the same.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: TraceFilterOptions
    @Option(help: "Only this requested model.") var model: String?
    @Option(help: ArgumentHelp("Only requests carrying this tag; repeat for several (all must match).", valueName: "tag"))
    var tag: [String] = []
    @Option(name: .customLong("group-by"), help: "Dimensions to group by (model, project, env, day).")
    var groupBy: [String] = []

    func run() async throws {
        let context = try CommandContext(global)
        let now = Date()
        var filter = try scope.filter(now: now)
        filter.model = model
        filter.tags = tag
        let dimensions: [CacheStatsStore.Dimension] = try GroupByOption.dimensions(groupBy)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let groups = try await CacheStatsStore(database).groups(by: dimensions, filter, now: now)
            if dimensions.isEmpty, let total = groups.first {
                if context.config.format == .table {
                    try context.emit(GroupedRow(keys: [("total", "TOTAL")], figures: CacheFigures(total)))
                } else {
                    try context.emit(CacheTotalRow(total: CacheFigures(total)))
                }
            } else {
                for group in groups {
                    try context.emit(
                        GroupedRow(keys: dimensions.map { ($0.rawValue, group.keys[$0]) }, figures: CacheFigures(group)))
                }
            }
            context.printer.finish()
        }
    }
}
