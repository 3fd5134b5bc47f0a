import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle limits remove SCOPE [--rpm] [--tpm] [--concurrency]`
struct LimitsRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove limits from a scope: the kinds flagged, or all of them. Prints what was removed."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LimitScopeOptions
    @Flag(help: "Remove the requests-per-minute limit.") var rpm = false
    @Flag(help: "Remove the tokens-per-minute limit.") var tpm = false
    @Flag(help: "Remove the concurrency limit.") var concurrency = false

    var kinds: Set<RateLimits.Kind>? {
        let flagged = [(RateLimits.Kind.rpm, rpm), (.tpm, tpm), (.concurrency, concurrency)].filter(\.1).map(\.0)
        return flagged.isEmpty ? nil : Set(flagged)
    }

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            try context.emit(LimitRow(try await LimitStore(database).remove(target, kinds: kinds, by: context.actor)))
            context.printer.finish()
        }
    }
}
