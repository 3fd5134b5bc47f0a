import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle guardrails show SCOPE`
struct GuardrailsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the guardrail policy of one scope.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: ScopeOptions

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            guard let entry = try await GuardrailPolicyStore(database).get(target.scope) else {
                throw BrokleError(
                    .notFound, "no guardrail policy is set on \(target.scope.kind.rawValue) '\(target.path.text)'",
                    hint: "`brokle guardrails set` sets one; `brokle guardrails list` shows every scope's")
            }
            try context.emit(GuardrailPolicyRow(entry))
            context.printer.finish()
        }
    }
}
