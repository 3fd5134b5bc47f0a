import Foundation

/// One stored answer of the response cache, as `cache_entries` keeps it.
package struct CacheEntry: Sendable, Equatable {
    /// Hex SHA-256 of the canonical request and the scope it is shared in.
    package var key: String
    /// Who shares it: `env:<id>`, `project:<id>` or `org:<id>`.
    package var scope: String
    package var organizationID: String
    package var projectID: String
    package var environmentID: String
    package var endpoint: String
    package var model: String
    /// Semantic entries: everything but the last user turn, hashed with the scope and the embedder.
    package var partition: String?
    package var embedder: String?
    package var vector: [Float]?
    /// The last user turn (what the semantic guard compares).
    package var prompt: String?
    /// The stored answer (``CachedAnswer`` as JSON).
    package var answer: [UInt8]
    package var provider: String
    package var modelServed: String
    package var tokensIn: Int
    package var tokensOut: Int
    package var createdAt: Date
    package var expiresAt: Date
    /// The end user the answer was first asked for (`brokle trace purge --user` deletes it with
    /// their traces); nil when the request named none.
    package var endUser: String?

    /// What the entry weighs in the database: the answer, the prompt and the vector.
    package var bytes: Int { answer.count + (prompt?.utf8.count ?? 0) + (vector?.count ?? 0) * 4 }

    package init(
        key: String, scope: String, organizationID: String, projectID: String, environmentID: String, endpoint: String, model: String,
        partition: String? = nil, embedder: String? = nil, vector: [Float]? = nil, prompt: String? = nil, answer: [UInt8], provider: String,
        modelServed: String, tokensIn: Int, tokensOut: Int, createdAt: Date, expiresAt: Date,
        endUser: String? = nil
    ) {
        self.key = key
        self.scope = scope
        self.organizationID = organizationID
        self.projectID = projectID
        self.environmentID = environmentID
        self.endpoint = endpoint
        self.model = model
        self.partition = partition
        self.embedder = embedder
        self.vector = vector
        self.prompt = prompt
        self.answer = answer
        self.provider = provider
        self.modelServed = modelServed
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.endUser = endUser
    }
}

/// A semantic candidate: what a partition search needs of an entry, without its answer.
package struct CacheCandidate: Sendable, Equatable {
    package var key: String
    package var vector: [Float]
    package var prompt: String
    package var expiresAt: Date

    package init(key: String, vector: [Float], prompt: String, expiresAt: Date) {
        self.key = key
        self.vector = vector
        self.prompt = prompt
        self.expiresAt = expiresAt
    }
}
