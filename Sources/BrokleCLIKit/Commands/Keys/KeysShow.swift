import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle keys show ID`
struct KeysShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one API key (by id or public id).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key's id or public_id.") var id: String

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            try context.emit(KeyRow(try await KeyStore(database).get(id)))
            context.printer.finish()
        }
    }
}
