import BrokleCore
import Foundation
import SQLKit

/// `cache_entries` over SQLite and PostgreSQL: upserts in batches, point reads by key, a
/// partition's vectors, hit counts, and the sweep that keeps entries within their TTL and each
/// scope within its cap (least recently hit first).
package struct CacheStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    static let columns = [
        "key", "scope", "organization_id", "project_id", "environment_id", "endpoint", "model", "partition_key", "embedder",
        "vector", "prompt", "answer", "bytes", "provider", "model_served", "tokens_in", "tokens_out", "created_at", "expires_at",
        "last_hit_at", "hits", "end_user",
    ]

    /// Stores `entries`; an entry stored again (the same key) replaces the old answer and expiry.
    package func insert(_ entries: [CacheEntry], timeout: Duration? = nil) async throws(BrokleError) {
        guard !entries.isEmpty else { return }
        var seen = Set<String>()
        let unique = entries.reversed().filter { seen.insert($0.key).inserted }
        try await database.write("store \(unique.count) cache entries", timeout: timeout) { sql in
            var start = 0
            while start < unique.count {
                var insert = sql.insert(into: "cache_entries").columns(Self.columns)
                for entry in unique[start..<min(start + 200, unique.count)] { insert = insert.values(Self.values(entry)) }
                try await insert.onConflict(with: ["key"]) { update in
                    var update = update
                    for column in [
                        "vector", "prompt", "answer", "bytes", "provider", "model_served", "tokens_in", "tokens_out",
                        "created_at", "expires_at", "last_hit_at", "end_user",
                    ] {
                        update = update.set(excludedValueOf: column)
                    }
                    return update
                }.run()
                start += 200
            }
        }
    }

    /// The live entry stored under `key`, if any.
    package func entry(key: String, now: Date, timeout: Duration? = nil) async throws(BrokleError) -> CacheEntry? {
        try await database.call("read a cache entry", timeout: timeout) {
            guard
                let row = try await database.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("cache_entries")
                    .where("key", .equal, key).where("expires_at", .greaterThan, now).first()
            else { return nil }
            return try Self.entry(row)
        }
    }

    /// The live semantic candidates of `partition`, most recently hit first, at most `limit`.
    package func candidates(partition: String, now: Date, limit: Int, timeout: Duration? = nil) async throws(BrokleError)
        -> [CacheCandidate]
    {
        try await database.call("read a cache partition", timeout: timeout) {
            try await database.sql.select().columns("key", "vector", "prompt", "expires_at").from("cache_entries")
                .where("partition_key", .equal, partition).where("expires_at", .greaterThan, now)
                .orderBy("last_hit_at", .descending).limit(limit).all()
                .compactMap { row -> CacheCandidate? in
                    guard let blob = try row.decodeNil(column: "vector") ? nil : row.decode(column: "vector", as: Data.self),
                        let prompt = try row.decode(column: "prompt", as: String?.self)
                    else { return nil }
                    return CacheCandidate(
                        key: try row.decode(column: "key", as: String.self), vector: VectorIndex.vector(fromBytes: blob) ?? [],
                        prompt: prompt,
                        expiresAt: try row.decode(column: "expires_at", as: Date.self))
                }
        }
    }

    /// Adds hits to entries (`hits` per key) and marks them hit at `at`.
    package func touch(_ hits: [String: Int], at: Date, timeout: Duration? = nil) async throws(BrokleError) {
        guard !hits.isEmpty else { return }
        try await database.write("count \(hits.count) cache hits", timeout: timeout) { sql in
            for (key, count) in hits {
                try await sql.update("cache_entries").set(SQLIdentifier("hits"), to: SQLRaw("hits + \(count)"))
                    .set("last_hit_at", to: at).where("key", .equal, key).run()
            }
        }
    }

    /// Deletes expired entries and, in each scope over `maxPerScope`, the least recently hit ones.
    /// Returns how many went.
    @discardableResult
    package func sweep(now: Date, maxPerScope: Int, timeout: Duration? = nil) async throws(BrokleError) -> Int {
        let dialect = database.dialect
        return try await database.write("sweep the cache", timeout: timeout) { sql in
            var removed = try await sql.delete(from: "cache_entries").where("expires_at", .lessThanOrEqual, now).returning("key").all()
                .count
            let crowded = try await sql.raw(
                "SELECT scope FROM cache_entries GROUP BY scope HAVING count(*) > \(bind: maxPerScope)"
            ).all().map { try $0.decode(column: "scope", as: String.self) }
            for scope in crowded {
                // Keep the `maxPerScope` most recently hit; SQLite needs a LIMIT before its OFFSET.
                let limit: SQLQueryString = dialect == .sqlite ? "LIMIT -1 " : ""
                removed += try await sql.raw(
                    """
                    DELETE FROM cache_entries WHERE key IN (SELECT key FROM cache_entries WHERE scope = \(bind: scope)
                    ORDER BY last_hit_at DESC, created_at DESC \(limit)OFFSET \(bind: maxPerScope)) RETURNING key
                    """
                ).all().count
            }
            return removed
        }
    }

    /// Live entries and their bytes, for metrics and `/health/cache`.
    package func totals(now: Date, timeout: Duration? = nil) async throws(BrokleError) -> (entries: Int, bytes: Int) {
        try await database.call("count cache entries", timeout: timeout) {
            let row = try await database.sql.raw(
                "SELECT count(*) AS n, CAST(COALESCE(sum(bytes), 0) AS BIGINT) AS b FROM cache_entries WHERE expires_at > \(bind: now)"
            ).first()
            return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "b", as: Int.self) ?? 0)
        }
    }

    static func values(_ e: CacheEntry) -> [any Encodable & Sendable] {
        [
            e.key, e.scope, e.organizationID, e.projectID, e.environmentID, e.endpoint, e.model, e.partition, e.embedder,
            e.vector.map { Data(VectorIndex.bytes(of: $0)) }, e.prompt, Data(e.answer), e.bytes, e.provider, e.modelServed, e.tokensIn,
            e.tokensOut, e.createdAt, e.expiresAt, e.createdAt, 0, e.endUser,
        ]
    }

    static func entry(_ row: any SQLRow) throws -> CacheEntry {
        let vector = try row.decodeNil(column: "vector") ? nil : try row.decode(column: "vector", as: Data.self)
        return CacheEntry(
            key: try row.decode(column: "key", as: String.self), scope: try row.decode(column: "scope", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String.self),
            projectID: try row.decode(column: "project_id", as: String.self),
            environmentID: try row.decode(column: "environment_id", as: String.self),
            endpoint: try row.decode(column: "endpoint", as: String.self), model: try row.decode(column: "model", as: String.self),
            partition: try row.decode(column: "partition_key", as: String?.self),
            embedder: try row.decode(column: "embedder", as: String?.self), vector: vector.flatMap { VectorIndex.vector(fromBytes: $0) },
            prompt: try row.decode(column: "prompt", as: String?.self), answer: Array(try row.decode(column: "answer", as: Data.self)),
            provider: try row.decode(column: "provider", as: String.self),
            modelServed: try row.decode(column: "model_served", as: String.self),
            tokensIn: try row.decode(column: "tokens_in", as: Int.self), tokensOut: try row.decode(column: "tokens_out", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), expiresAt: try row.decode(column: "expires_at", as: Date.self),
            endUser: try row.decode(column: "end_user", as: String?.self)
        )
    }
}
