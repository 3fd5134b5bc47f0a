import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle budgets show SCOPE [--period P]`
struct BudgetsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one scope's budgets (or the one of --period) with the current period's use.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: ScopeOptions
    @Option(help: "Only this period: day, week or month.") var period: BudgetPeriod?

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            let store = BudgetStore(database)
            let entries = try await store.get(target.scope, period: period)
            guard !entries.isEmpty else {
                throw BrokleError(
                    .notFound, "\(target.scope.kind.rawValue) '\(target.path.text)' has no \(period.map { $0.rawValue + " " } ?? "")budget",
                    hint: "`brokle budgets set` sets one; `brokle budgets list` shows every scope's")
            }
            for row in try await store.rows(entries) { try context.emit(row) }
            context.printer.finish()
        }
    }
}
