import Foundation

/// The response cache's process-wide limits (`BROKLE_CACHE_*`); which models cache, and how, is
/// per model in brokle.yaml (``CachePolicy``).
package struct CacheSettings: Sendable, Equatable {
    /// Memory for entries and vectors kept in process; least recently used go first.
    package var memoryBytes = 64 * 1024 * 1024
    /// How long an entry or partition read from the database is trusted before it is read again
    /// (so another instance's entries and a `brokle cache purge` reach this one within it).
    package var refresh: TimeInterval = 30
    /// Longest a lookup may wait for the database; past it the request is a miss (fail-open).
    package var lookupTimeout: TimeInterval = 0.25
    /// Entries kept per scope; past it the least recently hit go at the next sweep.
    package var maxEntriesPerScope = 10_000
    /// Writes waiting to be stored; past it new ones are dropped (counted), never waited for.
    package var queueCapacity = 10_000
    package var writeInterval: TimeInterval = 0.25
    /// How often expired and over-cap entries are deleted.
    package var sweepInterval: TimeInterval = 60

    package init() {}
}
