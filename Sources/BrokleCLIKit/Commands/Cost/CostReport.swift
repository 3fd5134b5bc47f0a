import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle cost report [--since] [--until] [--group-by model,day] [--org|--project|--env] [--no-total] [--fail-over-usd N]`
struct CostReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Requests, errors, tokens and cost from the traces, grouped as asked, with a total line.",
        discussion: """
            Groups: org, project, env, key, model, provider, day, hour (UTC), user, session, tag, comma-separated \
            or repeated. user, session and tag are what clients sent (x-brokle-user or the body's user field, \
            x-brokle-session, x-brokle-tags); requests without one are grouped under null. A request with two tags \
            counts in both tags' groups, so tag groups can add up to more than the total (which counts it once). \
            Without --group-by only the total is printed. With --fail-over-usd the command exits with status 10 \
            when the total cost exceeds the amount (after printing the report). The total line says "complete": \
            false, with a "note", when the range reaches back before the oldest trace still stored \
            (BROKLE_TRACE_RETENTION): whole hours stay exact from the hourly rollups, but partial hours at the \
            range's edges and the user, session and tag groups only count the traces still stored.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: TraceFilterOptions
    @Option(
        name: .customLong("group-by"),
        help: "Dimensions to group by (org, project, env, key, model, provider, day, hour, user, session, tag).")
    var groupBy: [String] = []
    @Flag(help: "Do not print the final {\"total\": ...} line.") var noTotal = false
    @Option(name: .customLong("fail-over-usd"), help: "Exit with status 10 when the total cost is above this amount (USD).")
    var failOverUSD: String?

    func run() async throws {
        let context = try CommandContext(global)
        let filter = try scope.filter(now: Date())
        let dimensions = try Self.dimensions(groupBy)
        let limit = try failOverUSD.map { (text) throws(BrokleError) -> Decimal in
            do throws(BrokleError) { return try PriceBook.amount(text, "--fail-over-usd") } catch {
                throw BrokleError(.usage, error.message)
            }
        }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = CostReportStore(database)
            let coverage = try await store.coverage(by: dimensions, filter)
            let note = coverage.complete ? nil : Self.note(coverage)
            if let note { context.logger.warning("\(note)", metadata: ["report.complete": "false"]) }
            for group in try await store.groups(by: dimensions, filter) {
                try context.emit(CostGroupRow(keys: dimensions.map { ($0.rawValue, group.keys[$0]) }, figures: CostFigures(group.totals)))
            }
            let total = try await store.total(filter)
            if !noTotal {
                if context.config.format == .table {
                    try context.emit(CostGroupRow(keys: [(dimensions.first?.rawValue ?? "total", "TOTAL")], figures: CostFigures(total)))
                } else {
                    try context.emit(CostTotalRow(total: CostFigures(total), complete: coverage.complete, note: note))
                }
            }
            context.printer.finish()
            let spent = total.costNanoUSD.map { CostCalculator.usd(nano: $0) } ?? 0
            if let limit, spent > limit {
                throw BrokleError(
                    .budgetExceeded, "total cost \(spent) USD is over --fail-over-usd \(limit)",
                    hint: "the report above shows where it went"
                )
            }
        }
    }

    /// What an incomplete report cannot count, and from when the traces are stored.
    static func note(_ coverage: CostReportStore.Coverage) -> String {
        let since =
            coverage.tracesPrunedBefore.map {
                $0 == .distantFuture ? "none is stored" : "the oldest stored started at \(RFC3339.string(from: $0))"
            } ?? ""
        return "the range reaches back before the traces still stored (\(since); BROKLE_TRACE_RETENTION prunes them): "
            + "whole hours are exact from the hourly rollups, but partial hours at the range's edges and groups by "
            + "user, session or tag count only the traces still stored"
    }

    static func dimensions(_ values: [String]) throws(BrokleError) -> [CostReportStore.Dimension] {
        try GroupByOption.dimensions(values)
    }
}
