import Foundation

/// The response cache's process-wide limits (`BROKLE_CACHE_*`); which models cache, and how, is
/// per model in brokle.yaml (``CachePolicy``).
public struct CacheSettings: Sendable, Equatable {
    /// Memory for entries and vectors kept in process; least recently used go first.
    public var memoryBytes = 64 * 1024 * 1024
    /// How long an entry or partition read from the database is trusted before it is read again
    /// (so another instance's entries and a `brokle cache purge` reach this one within it).
    public var refresh: TimeInterval = 30
    /// Longest a lookup may wait for the database; past it the request is a miss (fail-open).
    public var lookupTimeout: TimeInterval = 0.25
    /// Entries kept per scope; past it the least recently hit go at the next sweep.
    public var maxEntriesPerScope = 10_000
    /// Writes waiting to be stored; past it new ones are dropped (counted), never waited for.
    public var queueCapacity = 10_000
    public var writeInterval: TimeInterval = 0.25
    /// How often expired and over-cap entries are deleted.
    public var sweepInterval: TimeInterval = 60

    public init() {}
}
