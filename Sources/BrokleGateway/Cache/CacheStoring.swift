import BrokleCore
import BrokleProviders
import Foundation

/// The write after the record stage: what a cache miss needs to store its answer once the answer
/// has been served — only a 200 that finished normally (a whole answer, or a stream that ended
/// with its finish reason), never an error, a cut stream or a cancelled request.
struct CacheStoring: Sendable {
    var request: CacheRequest
    var key: KeyContext
    var endpoint: Endpoint
    var model: String
    var ttl: TimeInterval
    /// The semantic lookup's vector of the last user turn (nil for exact-only entries).
    var vector: [Float]?
    /// The embedder that made `vector`.
    var embedder: String?
    var embedNanoUSD: Int64?

    init(request: CacheRequest, key: KeyContext, endpoint: Endpoint, model: String, ttl: TimeInterval) {
        self.request = request
        self.key = key
        self.endpoint = endpoint
        self.model = model
        self.ttl = ttl
    }

    /// The entry for `answer`, served for `outcome`; nil when the outcome must not be stored.
    func entry(_ answer: CachedAnswer?, outcome: RequestOutcome, now: Date = Date()) -> CacheEntry? {
        guard let answer, outcome.status == .ok, outcome.httpStatus == 200, let provider = outcome.provider else { return nil }
        let semantic = vector != nil ? request.semantic : nil
        return CacheEntry(
            key: request.exactKey, scope: request.scope, organizationID: key.organizationID, projectID: key.projectID,
            environmentID: key.environmentID, endpoint: endpoint.rawValue, model: model, partition: semantic?.partition,
            embedder: semantic == nil ? nil : embedder, vector: semantic == nil ? nil : vector, prompt: semantic?.text,
            answer: answer.encoded(), provider: provider,
            modelServed: outcome.upstreamModel ?? model, tokensIn: outcome.usage.input, tokensOut: outcome.usage.output, createdAt: now,
            expiresAt: now.addingTimeInterval(ttl), endUser: outcome.identity.endUser)
    }
}
