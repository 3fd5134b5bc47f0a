import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle guardrails remove SCOPE`
struct GuardrailsRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove the guardrail policy of a scope. Prints what was removed.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: ScopeOptions

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            try context.emit(GuardrailPolicyRow(try await GuardrailPolicyStore(database).remove(target, by: context.actor)))
            context.printer.finish()
        }
    }
}
