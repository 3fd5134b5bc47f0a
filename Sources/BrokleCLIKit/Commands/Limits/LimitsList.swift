import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle limits list [--org ORG]`
struct LimitsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the limits set on every scope.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: OrganizationFilterOption

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let organizationID = try await filter.organizationID(in: database)
            for entry in try await LimitStore(database).list(organizationID: organizationID) { try context.emit(LimitRow(entry)) }
            context.printer.finish()
        }
    }
}
