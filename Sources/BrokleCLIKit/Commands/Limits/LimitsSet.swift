import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle limits set SCOPE [--rpm N] [--tpm N] [--concurrency N]`
struct LimitsSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set limits on a scope; kinds not given keep their value. Prints the resulting limits."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LimitScopeOptions
    @OptionGroup var limits: RateLimitOptions

    func validate() throws {
        if limits.limits.isEmpty { throw ValidationError("nothing to set: pass --rpm, --tpm and/or --concurrency") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            try context.emit(LimitRow(try await LimitStore(database).set(target, limits.limits, by: context.actor)))
            context.printer.finish()
        }
    }
}
