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
            Groups: org, project, env, key, model, provider, day, hour (UTC), comma-separated or repeated. \
            Without --group-by only the total is printed. With --fail-over-usd the command exits with status 10 \
            when the total cost exceeds the amount (after printing the report).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: TraceFilterOptions
    @Option(name: .customLong("group-by"), help: "Dimensions to group by (org, project, env, key, model, provider, day, hour).")
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
            for group in try await store.groups(by: dimensions, filter) {
                try context.emit(
                    CostGroupRow(keys: dimensions.map { ($0.rawValue, group.keys[$0] ?? "") }, figures: CostFigures(group.totals)))
            }
            let total = try await store.total(filter)
            if !noTotal {
                if context.config.format == .table {
                    try context.emit(CostGroupRow(keys: [(dimensions.first?.rawValue ?? "total", "TOTAL")], figures: CostFigures(total)))
                } else {
                    try context.emit(CostTotalRow(total: CostFigures(total)))
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

    static func dimensions(_ values: [String]) throws(BrokleError) -> [CostReportStore.Dimension] {
        try GroupByOption.dimensions(values)
    }
}
