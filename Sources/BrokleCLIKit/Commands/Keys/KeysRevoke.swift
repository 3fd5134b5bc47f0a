import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle keys revoke ID`
struct KeysRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an API key at once (by id or public id). Revoking twice is harmless."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key's id or public_id.") var id: String

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            try context.emit(KeyRow(try await KeyStore(database).revoke(id, by: context.actor)))
            context.printer.finish()
        }
    }
}
