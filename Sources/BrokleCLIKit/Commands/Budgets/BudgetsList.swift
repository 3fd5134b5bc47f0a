import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle budgets list [--org ORG]`
struct BudgetsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every scope's budgets with what the current period has spent, reserved and left.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: OrganizationFilterOption

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = BudgetStore(database)
            let entries = try await store.list(organizationID: try await filter.organizationID(in: database))
            for row in try await store.rows(entries) { try context.emit(row) }
            context.printer.finish()
        }
    }
}
