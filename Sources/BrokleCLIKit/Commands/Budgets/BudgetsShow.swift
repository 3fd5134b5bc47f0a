import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle budgets show SCOPE [--period P] [--per-user --user U]`
struct BudgetsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one scope's budgets (or the one of --period) with the current period's use.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LimitScopeOptions
    @Option(help: "Only this period: day, week or month.") var period: BudgetPeriod?
    @Option(help: "With --per-user: show this end user's use of the budget.") var user: String?

    func validate() throws {
        if user != nil && !scope.perUser { throw ValidationError("--user goes with --env ORG/PROJECT/ENV --per-user") }
    }

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
            for row in try await store.rows(entries, endUser: user) { try context.emit(row) }
            context.printer.finish()
        }
    }
}
