import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle logging set SCOPE [--content off|redacted|full] [--trace-retention D] [--content-retention D]`
struct LoggingSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set what a scope keeps of its requests; fields not given keep their value. Prints the resulting policy."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LoggingScopeOptions
    @OptionGroup var policy: LoggingPolicyOptions

    func validate() throws {
        if policy.content == nil && !policy.givesRetention {
            throw ValidationError("nothing to set: pass --content, --trace-retention and/or --content-retention")
        }
        if policy.givesRetention && scope.org == nil {
            throw ValidationError("--trace-retention and --content-retention are set on an organization: use --org ORG")
        }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        let change = try policy.change()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            try context.emit(LoggingPolicyRow(try await LoggingPolicyStore(database).set(target, change, by: context.actor)))
            context.printer.finish()
        }
    }
}
