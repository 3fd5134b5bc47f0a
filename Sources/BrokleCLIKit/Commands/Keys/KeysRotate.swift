import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle keys rotate ID [--grace 24h]`
struct KeysRotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Give a key a new secret (printed once); the old secret keeps working until the grace period ends."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key's id or public_id.") var id: String
    @Option(help: "How long the old secret stays valid: 24h, 30m, 0s for not at all.") var grace = "24h"

    func run() async throws {
        let context = try CommandContext(global)
        let seconds = try DurationText.seconds(grace, what: "--grace")
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let (key, token) = try await KeyStore(database).rotate(id, grace: seconds, by: context.actor)
            try context.emit(KeyRow(key, token: token))
            context.printer.finish()
        }
    }
}
