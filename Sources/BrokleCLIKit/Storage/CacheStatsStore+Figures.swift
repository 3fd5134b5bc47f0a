extension CacheStatsStore {
    /// What the traces say: requests that went through the cache, by result, and what hits saved.
    public struct Lookups: Sendable, Equatable {
        public var requests = 0
        public var exactHits = 0
        public var semanticHits = 0
        public var misses = 0
        public var bypassed = 0
        /// Hits whose saving could not be priced (the model has no price).
        public var unpricedHits = 0
        public var tokensSavedIn = 0
        public var tokensSavedOut = 0
        public var savedNanoUSD: Int64 = 0
        public var embedNanoUSD: Int64 = 0

        public init() {}

        public var hits: Int { exactHits + semanticHits }
        public var lookups: Int { hits + misses }
    }

    /// What `cache_entries` holds now.
    public struct Stored: Sendable, Equatable {
        public var entries = 0
        public var bytes = 0

        public init(entries: Int = 0, bytes: Int = 0) {
            self.entries = entries
            self.bytes = bytes
        }
    }

    public struct Group: Sendable {
        public var keys: [Dimension: String]
        public var lookups: Lookups
        /// nil when grouped by day.
        public var stored: Stored?
    }
}
