import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle guardrails list [--org ORG]`
struct GuardrailsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the guardrail policy of every scope that has one.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: OrganizationFilterOption

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let organizationID = try await filter.organizationID(in: database)
            for entry in try await GuardrailPolicyStore(database).list(organizationID: organizationID) {
                try context.emit(GuardrailPolicyRow(entry))
            }
            context.printer.finish()
        }
    }
}
