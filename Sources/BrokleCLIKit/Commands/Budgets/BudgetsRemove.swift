import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle budgets remove SCOPE [--period P]`
struct BudgetsRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a scope's budgets (every period, or --period). Prints what was removed.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LimitScopeOptions
    @Option(help: "Only this period: day, week or month.") var period: BudgetPeriod?

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            let store = BudgetStore(database)
            for row in try await store.rows(try await store.remove(target, period: period, by: context.actor)) { try context.emit(row) }
            context.printer.finish()
        }
    }
}
