import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle cache purge [--org|--project|--env] [--model M] [--older-than DURATION] [--expired] [--yes]`
struct CachePurge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete stored answers of the response cache; prints {\"purged\": N, \"bytes\": B}.",
        discussion: """
            Deletes the entries every given filter matches, in one statement. --expired alone removes only expired \
            entries. With no filter at all every entry is deleted: that asks first on a terminal and needs --yes \
            otherwise. Running proxies stop serving purged entries within their cache refresh interval \
            (BROKLE_CACHE_REFRESH, 30 s by default).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var tenancy: TenancyFilterOptions
    @Option(help: "Only entries of this requested model.") var model: String?
    @Option(name: .customLong("older-than"), help: "Only entries created longer ago than this (90m, 24h, 7d).")
    var olderThan: String?
    @Flag(help: "Only entries that have already expired.") var expired = false
    @Flag(name: [.short, .long], help: "Do not ask for confirmation (needed to purge everything without a terminal).")
    var yes = false

    func run() async throws {
        let context = try CommandContext(global)
        let now = Date()
        var scope = TraceFilter()
        try tenancy.apply(to: &scope)
        scope.model = model
        var filter = CacheEntryFilter(tenancyAndModelOf: scope)
        if let olderThan {
            filter.createdBefore = now.addingTimeInterval(-(try DurationText.seconds(olderThan, what: "--older-than")))
        }
        if expired { filter.expiredAt = now }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            if filter.matchesEverything && !yes {
                try Confirmation.require("Purge every entry of the response cache?", flag: "--yes")
            }
            try context.emit(CachePurgeRow(try await CacheEntryPurge(database).purge(filter, by: context.actor)))
            context.printer.finish()
        }
    }
}
