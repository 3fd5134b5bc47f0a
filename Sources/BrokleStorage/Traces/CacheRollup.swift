import BrokleCore
import Foundation

/// `cache_hourly` and `cache_minutely` (migration 0017): the response cache's lookups, hits and
/// savings by tenant and model (as `trace_names` numbers), per hour (kept) and per minute (pruned with the traces), for
/// `brokle cache stats` as ``UsageRollup`` serves `brokle cost report`. Only requests whose model had
/// caching on (a cache result) count.
enum CacheRollup {
    static let hourly = UsageRollup.Table(name: "cache_hourly", bucketColumn: "hour_start", seconds: 3600)
    static let minutely = UsageRollup.Table(name: "cache_minutely", bucketColumn: "minute_start", seconds: 60)

    /// As `trace_names` numbers.
    static let keyColumns = ["org", "project", "environment", "model_requested"]
    static let figureColumns = [
        "requests", "exact_hits", "semantic_hits", "misses", "bypassed", "unpriced_hits", "tokens_saved_in", "tokens_saved_out",
        "saved_nanousd", "embed_nanousd",
    ]

    static func columns(_ table: UsageRollup.Table) -> [String] { [table.bucketColumn] + keyColumns + figureColumns }

    /// `INSERT … ON CONFLICT … DO UPDATE` adding to the stored row, for `rows` groups.
    static func insert<S: TraceStatements>(_ table: UsageRollup.Table, rows: Int, for _: S.Type) -> String {
        let sums = figureColumns.map { "\($0) = \(table.name).\($0) + excluded.\($0)" }.joined(separator: ", ")
        return S.insert(into: table.name, columns(table), rows: rows)
            + " ON CONFLICT (\(([table.bucketColumn] + keyColumns).joined(separator: ", "))) DO UPDATE SET \(sums)"
    }

    static func add<S: TraceStatements>(_ traces: [TraceRecord], numbers: TraceNameRefs, on statements: S) async throws {
        let minutes = totals(traces, per: minutely)
        for (table, groups) in [(hourly, UsageRollup.coarsened(minutes, to: hourly.seconds)), (minutely, minutes)] {
            let figures = Array(groups)
            guard !figures.isEmpty else { continue }
            try await statements.inSlices(
                figures, columns: columns(table).count, sql: { insert(table, rows: $0, for: S.self) },
                bind: { row, binds in bind(row.key, row.value, numbers: numbers, into: &binds) }, run: statements.run)
        }
    }

    struct Group: BucketedGroup {
        var bucket: Date
        var organization, project, environment, model: String
    }

    struct Figures: RollupSums {
        var requests = 0, exactHits = 0, semanticHits = 0, misses = 0, bypassed = 0, unpricedHits = 0
        var tokensSavedIn = 0, tokensSavedOut = 0
        var savedNanoUSD: Int64 = 0, embedNanoUSD: Int64 = 0

        mutating func add(_ other: Figures) {
            (requests, exactHits, semanticHits) = (
                requests + other.requests, exactHits + other.exactHits, semanticHits + other.semanticHits
            )
            (misses, bypassed, unpricedHits) = (misses + other.misses, bypassed + other.bypassed, unpricedHits + other.unpricedHits)
            (tokensSavedIn, tokensSavedOut) = (tokensSavedIn + other.tokensSavedIn, tokensSavedOut + other.tokensSavedOut)
            (savedNanoUSD, embedNanoUSD) = (savedNanoUSD + other.savedNanoUSD, embedNanoUSD + other.embedNanoUSD)
        }

        mutating func add(_ trace: TraceRecord) {
            requests += 1
            switch trace.cacheResult {
            case "hit_exact": exactHits += 1
            case "hit_semantic": semanticHits += 1
            case "miss": misses += 1
            case "bypass": bypassed += 1
            default: break
            }
            if trace.cacheResult == "hit_exact" || trace.cacheResult == "hit_semantic", trace.savedNanoUSD == nil { unpricedHits += 1 }
            tokensSavedIn += trace.savedTokensIn ?? 0
            tokensSavedOut += trace.savedTokensOut ?? 0
            savedNanoUSD += trace.savedNanoUSD ?? 0
            embedNanoUSD += trace.cacheEmbedNanoUSD ?? 0
        }
    }

    /// The traces that had a cache result, summed by `table`'s bucket, tenant and model.
    static func totals(_ traces: [TraceRecord], per table: UsageRollup.Table) -> [Group: Figures] {
        var groups: [Group: Figures] = [:]
        for index in traces.indices where traces[index].cacheResult != nil {
            let group = Group(
                bucket: UsageRollup.floor(traces[index].startedAt, table.seconds), organization: traces[index].organizationID,
                project: traces[index].projectID, environment: traces[index].environmentID, model: traces[index].modelRequested)
            groups[group, default: Figures()].add(traces[index])
        }
        return groups
    }

    /// A group's row, its names as their `trace_names` numbers (`numbers` holds every one).
    static func bind<B: TraceRowSink>(_ group: Group, _ figures: Figures, numbers: TraceNameRefs, into binds: inout B) {
        binds.bind(group.bucket)
        for name in [group.organization, group.project, group.environment, group.model] { binds.bind(numbers[name] ?? 0) }
        for value in [
            figures.requests, figures.exactHits, figures.semanticHits, figures.misses, figures.bypassed, figures.unpricedHits,
            figures.tokensSavedIn, figures.tokensSavedOut,
        ] {
            binds.bind(value)
        }
        binds.bind(Int(figures.savedNanoUSD))
        binds.bind(Int(figures.embedNanoUSD))
    }
}
