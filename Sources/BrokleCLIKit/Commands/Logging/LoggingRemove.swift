import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle logging remove SCOPE`
struct LoggingRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove the logging policy of a scope (it then defers to wider ones). Prints what was removed.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LoggingScopeOptions

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            try context.emit(LoggingPolicyRow(try await LoggingPolicyStore(database).remove(target, by: context.actor)))
            context.printer.finish()
        }
    }
}
