import BrokleCore
import ArgumentParser
import Foundation

/// `brokle seed [--profile dev|demo] [--traces N]`
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Create demo data: an organization, two projects, environments, members, keys and traces.",
        discussion: """
            Re-running creates nothing twice. New keys' secrets are printed once (the `key` field); \
            existing keys are listed without them. Traces get ids seed-<profile>-<n>: asking for more \
            adds only the missing ones.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "dev (org acme, no traces by default) or demo (org demo-co, 5000 traces by default).") var profile = "dev"
    @Option(help: "How many demo traces to have over the last 30 days.") var traces: Int?

    func validate() throws {
        if let traces, traces < 0 { throw ValidationError("--traces must be 0 or more") }
        if let traces, traces > 10_000_000 { throw ValidationError("--traces is limited to 10,000,000") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let profile = try SeedProfile.named(profile)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            try await Seeder(database).run(profile, traces: traces ?? profile.defaultTraces, by: context.actor) {
                event throws(BrokleError) in
                try context.emit(SeedRow(event))
            }
            context.printer.finish()
        }
    }
}

/// One thing `brokle seed` created or found. `key` appears only for a key created by this run.
struct SeedRow: OutputRow {
    static let columns = ["kind", "path", "created", "name", "email", "role", "public_id", "count", "key"]
    var kind: Seeder.Event.Kind
    var path: String
    var created: Bool
    var name: String?
    var email: String?
    var role: String?
    var publicID: String?
    var count: Int?
    var key: String?

    enum CodingKeys: String, CodingKey { case kind, path, created, name, email, role, publicID = "public_id", count, key }

    init(_ event: Seeder.Event) {
        kind = event.kind
        path = event.path
        created = event.created
        name = event.detail["name"]
        email = event.detail["email"]
        role = event.detail["role"]
        publicID = event.detail["public_id"]
        count = event.count
        key = event.token?.text
    }
}
