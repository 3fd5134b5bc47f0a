import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs list`
struct OrgsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organizations.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            for summary in try await OrganizationStore(database).list() { try context.emit(OrganizationRow(summary)) }
            context.printer.finish()
        }
    }
}
