import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle budgets set SCOPE --usd AMOUNT --period day|week|month [--if-not-exists]`
struct BudgetsSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a scope's budget for a period (replacing its amount). Prints the budget and its use."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LimitScopeOptions
    @Option(help: "The amount in USD, a decimal number (500, 0.05).") var usd: String
    @Option(help: "day, week or month (calendar, UTC).") var period: BudgetPeriod
    @Flag(help: "If the scope already has a budget for this period, print it unchanged and succeed.") var ifNotExists = false

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        let nanoUSD = try USDAmount.nanoUSD(usd, what: "--usd")
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            let store = BudgetStore(database)
            let (entry, created) = try await store.set(
                target, period: period, limitNanoUSD: nanoUSD, ifNotExists: ifNotExists, by: context.actor)
            if ifNotExists && !created {
                context.logger.info("a budget for this period exists; unchanged", metadata: ["period": "\(period)"])
            }
            for row in try await store.rows([entry]) { try context.emit(row) }
            context.printer.finish()
        }
    }
}
