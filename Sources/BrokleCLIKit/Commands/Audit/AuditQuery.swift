import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle audit query [--org ORG] [--actor A] [--action PREFIX] [--target T] [--since T] [--until T]
/// [--limit N] [--before ID]`
struct AuditQuery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print audit rows, one JSON line each, newest first.",
        discussion: """
            Every change made through brokle (organizations, projects, environments, members, keys, limits, budgets, \
            guardrail and logging policies, trace purges and prunes) has one row: actor, origin, action, target, and \
            the state before and after as JSON. No secret is ever recorded. For the next page pass the last line's \
            `id` to --before.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this organization (slug; a deleted one's history too).") var org: String?
    @Option(help: "Only changes by this actor (cli:alice, a member's email).") var actor: String?
    @Option(help: "Only actions starting with this (key. for every key action, key.revoke for one).") var action: String?
    @Option(help: "Only this target (acme/web/production, a key's public id).") var target: String?
    @Option(help: "From this time: RFC 3339, or a duration before now (90m, 24h, 7d).") var since: String?
    @Option(help: "Before this time: RFC 3339, or a duration before now.") var until: String?
    @Option(help: "At most this many rows (1-10000).") var limit = 100
    @Option(help: "Continue after this id (the last line's), with older rows.") var before: String?

    func validate() throws {
        if !(1...10_000).contains(limit) { throw ValidationError("--limit must be between 1 and 10000") }
        if let before, !before.hasPrefix(AuditID.prefix) {
            throw ValidationError("--before takes the `id` of a line printed by `brokle audit query` (aud_...)")
        }
    }

    func run() async throws {
        let context = try CommandContext(global)
        var filter = AuditFilter()
        (filter.since, filter.until) = try TimeBound.range(since: since, until: until, now: Date())
        filter.actor = actor
        filter.action = action
        filter.target = target
        filter.before = before
        let org = try org.map { (slug) throws(BrokleError) in try Slug.validate(slug, what: "organization") }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = AuditStore(database)
            if let org { filter.organizationID = try await store.organizationID(org) }
            for entry in try await store.query(filter, limit: limit) { try context.emit(AuditRow(entry)) }
            context.printer.finish()
        }
    }
}
