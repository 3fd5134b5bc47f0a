import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle logging list [--org ORG]`
struct LoggingList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the logging policy of every scope that has one.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: OrganizationFilterOption

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let organizationID = try await filter.organizationID(in: database)
            for entry in try await LoggingPolicyStore(database).list(organizationID: organizationID) {
                try context.emit(LoggingPolicyRow(entry))
            }
            context.printer.finish()
        }
    }
}
