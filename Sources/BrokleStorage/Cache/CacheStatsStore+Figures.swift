extension CacheStatsStore {
    /// What the traces say: requests that went through the cache, by result, and what hits saved.
    package struct Lookups: Sendable, Equatable {
        package var requests = 0
        package var exactHits = 0
        package var semanticHits = 0
        package var misses = 0
        package var bypassed = 0
        /// Hits whose saving could not be priced (the model has no price).
        package var unpricedHits = 0
        package var tokensSavedIn = 0
        package var tokensSavedOut = 0
        package var savedNanoUSD: Int64 = 0
        package var embedNanoUSD: Int64 = 0

        package init() {}

        package var hits: Int { exactHits + semanticHits }
        package var lookups: Int { hits + misses }
    }

    /// What `cache_entries` holds now.
    package struct Stored: Sendable, Equatable {
        package var entries = 0
        package var bytes = 0

        package init(entries: Int = 0, bytes: Int = 0) {
            self.entries = entries
            self.bytes = bytes
        }
    }

    package struct Group: Sendable {
        package var keys: [Dimension: String]
        package var lookups: Lookups
        /// nil when grouped by day.
        package var stored: Stored?
    }
}
