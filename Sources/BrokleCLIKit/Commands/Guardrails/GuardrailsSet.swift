import BrokleCore
import BrokleSettings
import BrokleStorage
import ArgumentParser

/// `brokle guardrails set SCOPE [--input E=A]… [--output E=A]… [--restore|--no-restore] [--deny P]… [--replace] | --policy JSON`
struct GuardrailsSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract:
            "Set a scope's guardrail policy; entities not given keep their action (--replace: start over). Prints the resulting policy."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var rules: GuardrailPolicyOptions
    @Option(
        help: ArgumentHelp(
            "brokle.yaml whose guardrails.entities declares the custom entities (env BROKLE_CONFIG; default ./brokle.yaml).",
            valueName: "path"),
        completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        let change = try rules.change()
        let settings = try ConfigLoader().loadGuardrails(global.flags, config: config)
        if let unknown = settings.unknownEntity(in: change.applied(to: nil)) {
            throw BrokleError(
                .usage, "\(unknown.direction.rawValue).\(unknown.entity.name): \(unknown.message)",
                hint: "custom entities are read from the brokle.yaml's guardrails.entities (--config, BROKLE_CONFIG or ./brokle.yaml)")
        }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            try context.emit(
                GuardrailPolicyRow(try await GuardrailPolicyStore(database).set(target, change, replace: rules.replaces, by: context.actor))
            )
            context.printer.finish()
        }
    }
}
