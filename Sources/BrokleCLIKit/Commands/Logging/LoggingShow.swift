import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle logging show SCOPE`
struct LoggingShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the logging policy of one scope.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LoggingScopeOptions

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            guard let entry = try await LoggingPolicyStore(database).get(target.scope) else {
                throw BrokleError(
                    .notFound, "no logging policy is set on \(target.scope.kind.rawValue) '\(target.path.text)'",
                    hint: "`brokle logging set` sets one; `brokle logging list` shows every scope's")
            }
            try context.emit(LoggingPolicyRow(entry))
            context.printer.finish()
        }
    }
}
