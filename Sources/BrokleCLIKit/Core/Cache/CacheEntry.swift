import Foundation

/// One stored answer of the response cache, as `cache_entries` keeps it.
public struct CacheEntry: Sendable, Equatable {
    /// Hex SHA-256 of the canonical request and the scope it is shared in.
    public var key: String
    /// Who shares it: `env:<id>`, `project:<id>` or `org:<id>`.
    public var scope: String
    public var organizationID: String
    public var projectID: String
    public var environmentID: String
    public var endpoint: String
    public var model: String
    /// Semantic entries: everything but the last user turn, hashed with the scope and the embedder.
    public var partition: String?
    public var embedder: String?
    public var vector: [Float]?
    /// The last user turn (what the semantic guard compares).
    public var prompt: String?
    /// The stored answer (``CachedAnswer`` as JSON).
    public var answer: [UInt8]
    public var provider: String
    public var modelServed: String
    public var tokensIn: Int
    public var tokensOut: Int
    public var createdAt: Date
    public var expiresAt: Date

    /// What the entry weighs in the database: the answer, the prompt and the vector.
    public var bytes: Int { answer.count + (prompt?.utf8.count ?? 0) + (vector?.count ?? 0) * 4 }
}

/// A semantic candidate: what a partition search needs of an entry, without its answer.
public struct CacheCandidate: Sendable, Equatable {
    public var key: String
    public var vector: [Float]
    public var prompt: String
    public var expiresAt: Date
}
