import BrokleCore
import BrokleProviders
import Foundation
import HTTPTypes
import Logging

/// The cache stage, between admission and routing. For a model whose brokle.yaml entry has a
/// `cache:` policy it looks for an answer stored for the same request (exact), then for one whose
/// last user turn is close enough (semantic); a hit answers without an upstream call. A miss hands
/// on what the write after the record stage needs (``CacheStoring``).
///
/// Per request: `Cache-Control: no-cache` skips the lookup (still stored), `no-store` keeps the
/// answer out of the cache, `x-brokle-cache-ttl: <seconds>` sets this entry's TTL. A request
/// sampled hotter than the policy's `max_temperature` bypasses the cache both ways.
struct CacheLookup: Sendable {
    static let ttlHeader = HTTPField.Name("x-brokle-cache-ttl")!

    enum Result: Sendable {
        /// No cache for this model.
        case off
        /// No lookup; the answer is stored afterwards when `storing` is set.
        case bypass(CacheStoring?)
        case miss(CacheStoring?)
        case hit(CacheHit)
    }

    let cache: ResponseCache?
    let embedders: CacheEmbedders

    init(cache: ResponseCache? = nil, embedders: CacheEmbedders = CacheEmbedders()) {
        self.cache = cache
        self.embedders = embedders
    }

    func lookup(
        _ request: InboundRequest, key: KeyContext, endpoint: Endpoint, dialect: any ClientDialect, headers: HTTPFields, logger: Logger
    ) async throws(GatewayError) -> Result {
        guard let cache, request.configured, let policy = request.route.cache else { return .off }
        let directives = try Directives(headers, policy: policy)
        if let temperature = request.inspector.double("temperature"), temperature > policy.maxTemperature { return .bypass(nil) }
        let embedder = policy.mode == .semantic ? embedders.embedder(policy.embedder) : nil
        let body = request.native?.bytes ?? request.inspector.bytes
        guard
            let cacheRequest = CacheRequest(
                body: body, policy: policy, key: key, endpoint: endpoint, dialect: dialect, embedderID: embedder?.id)
        else { return .bypass(nil) }
        var storing = CacheStoring(request: cacheRequest, key: key, endpoint: endpoint, model: request.model, ttl: directives.ttl)

        if directives.lookup, let entry = await cache.entry(key: cacheRequest.exactKey),
            let hit = CacheHit(entry: entry, result: .hitExact, similarity: nil, stream: request.stream)
        {
            return .hit(hit)
        }
        if let semantic = cacheRequest.semantic, let embedder {
            do {
                let embedding = try await embedder.embed(semantic.text)
                storing.vector = embedding.vector
                storing.embedder = embedder.id
                storing.embedNanoUSD = embedding.costNanoUSD
            } catch {
                cache.metrics.cacheError(operation: "embed")
                logger.warning("response cache: the embedder failed; semantic lookup skipped", metadata: ["embedder": "\(embedder.id)"])
            }
            if directives.lookup, let vector = storing.vector,
                let (entry, similarity) = await cache.nearest(
                    partition: semantic.partition, vector: vector, text: semantic.text, threshold: policy.threshold),
                var hit = CacheHit(entry: entry, result: .hitSemantic, similarity: similarity, stream: request.stream)
            {
                hit.embedNanoUSD = storing.embedNanoUSD
                return .hit(hit)
            }
        }
        let kept = directives.store ? storing : nil
        return directives.lookup ? .miss(kept) : .bypass(kept)
    }

    /// The request's own cache directives.
    struct Directives {
        var lookup = true
        var store = true
        var ttl: TimeInterval

        init(_ headers: HTTPFields, policy: CachePolicy) throws(GatewayError) {
            ttl = policy.ttl
            let control = headers[values: .cacheControl].flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if control.contains("no-cache") { lookup = false }
            if control.contains("no-store") { store = false }
            if let text = headers[CacheLookup.ttlHeader] {
                guard let seconds = Double(text), seconds >= 1, seconds <= CachePolicy.maximumTTL else {
                    throw .invalidRequest(
                        "x-brokle-cache-ttl must be a number of seconds from 1 to \(Int(CachePolicy.maximumTTL)).", param: nil,
                        code: "invalid_cache_ttl")
                }
                ttl = seconds
            }
        }
    }
}

/// A stored answer found for a request, ready to replay.
struct CacheHit: Sendable {
    var entry: CacheEntry
    var answer: CachedAnswer
    var result: CacheOutcome.Result
    var similarity: Double?
    var embedNanoUSD: Int64?
    /// The SSE bytes to replay, for a streaming client.
    var streamBytes: [UInt8]?

    /// Nil when the stored answer cannot be served in the shape asked for (a stream of an
    /// embeddings answer, an unreadable blob): the request is served as a miss.
    init?(entry: CacheEntry, result: CacheOutcome.Result, similarity: Double?, stream: Bool) {
        guard let answer = CachedAnswer.decoded(entry.answer) else { return nil }
        if stream {
            guard let bytes = answer.streamBytes() else { return nil }
            streamBytes = bytes
        }
        self.entry = entry
        self.answer = answer
        self.result = result
        self.similarity = similarity
    }

    var outcome: CacheOutcome {
        CacheOutcome(
            result: result, similarity: similarity, saved: TokenUsage(input: entry.tokensIn, output: entry.tokensOut),
            savedProvider: entry.provider, savedModel: entry.modelServed, embedNanoUSD: embedNanoUSD)
    }
}
