import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle limits show SCOPE`
struct LimitsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the limits set on one scope.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: LimitScopeOptions

    func run() async throws {
        let context = try CommandContext(global)
        let reference = try scope.reference()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let target = try await ScopeResolver(database).resolve(reference)
            guard let entry = try await LimitStore(database).get(target.scope) else {
                throw BrokleError(
                    .notFound, "no limits are set on \(target.scope.kind.rawValue) '\(target.path.text)'",
                    hint: "`brokle limits set` sets them; `brokle limits list` shows every scope's")
            }
            try context.emit(LimitRow(entry))
            context.printer.finish()
        }
    }
}
