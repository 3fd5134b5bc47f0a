import BrokleCore
import Foundation

/// Realistic-looking, deterministic traces for demos and for trying `trace query` and `cost report`:
/// several providers and models, streams, errors, cancellations, fallbacks, cached tokens, spread
/// over the 30 days before `now`. Trace `i` of a profile always gets id `seed-<profile>-<i>` and the
/// same content (relative to `now`), so seeding again adds nothing twice.
package struct DemoTraces: Sendable {
    /// Where generated traces are attributed: one environment of one project, through one key.
    package struct Target: Sendable {
        package var organizationID: String
        package var projectID: String
        package var environmentID: String
        package var apiKeyID: String

        package init(organizationID: String, projectID: String, environmentID: String, apiKeyID: String) {
            self.organizationID = organizationID
            self.projectID = projectID
            self.environmentID = environmentID
            self.apiKeyID = apiKeyID
        }
    }

    /// A model and its typical speed; costs come from the price book, like the gateway's.
    struct Model {
        var provider: String
        var name: String
        var msPerOutputToken: Double
        var baseLatencyMs: Double
        var weight: Double
        var embedding = false
    }

    static let models: [Model] = [
        Model(provider: "openai", name: "gpt-4o-mini", msPerOutputToken: 8, baseLatencyMs: 300, weight: 30),
        Model(provider: "openai", name: "gpt-4o", msPerOutputToken: 12, baseLatencyMs: 450, weight: 14),
        Model(provider: "anthropic", name: "claude-sonnet-4", msPerOutputToken: 14, baseLatencyMs: 600, weight: 12),
        Model(provider: "anthropic", name: "claude-3-5-haiku", msPerOutputToken: 7, baseLatencyMs: 350, weight: 10),
        Model(provider: "gemini", name: "gemini-2.0-flash", msPerOutputToken: 5, baseLatencyMs: 280, weight: 12),
        Model(provider: "mistral", name: "mistral-large-latest", msPerOutputToken: 11, baseLatencyMs: 400, weight: 5),
        Model(provider: "groq", name: "llama-3.3-70b-versatile", msPerOutputToken: 2, baseLatencyMs: 150, weight: 7),
        Model(provider: "deepseek", name: "deepseek-chat", msPerOutputToken: 15, baseLatencyMs: 700, weight: 4),
        Model(provider: "openai", name: "text-embedding-3-small", msPerOutputToken: 0, baseLatencyMs: 90, weight: 6, embedding: true),
    ]

    /// Which provider takes over when a model's own provider fails, for fallback traces.
    static let backups: [String: (String, String)] = [
        "gpt-4o-mini": ("azure", "gpt-4o-mini"), "gpt-4o": ("azure", "gpt-4o"),
        "claude-sonnet-4": ("bedrock", "claude-sonnet-4"), "claude-3-5-haiku": ("bedrock", "claude-3-5-haiku"),
        "gemini-2.0-flash": ("openai", "gpt-4o-mini"), "llama-3.3-70b-versatile": ("together", "llama-3.3-70b-versatile"),
    ]

    package let profile: String
    package let targets: [Target]
    package let now: Date
    package let prices: PriceBook

    package init(profile: String, targets: [Target], now: Date, prices: PriceBook = PriceBook(entries: [])) {
        self.profile = profile
        self.targets = targets
        self.now = now
        self.prices = prices
    }

    package func idPrefix() -> String { "seed-\(profile)-" }

    /// Traces `range` (indices) of this profile.
    package func traces(_ range: Range<Int>) -> [TraceRecord] {
        range.map { cached(identified(trace($0), $0), $0) }
    }

    func trace(_ index: Int) -> TraceRecord {
        // Each trace draws from its own stream, so trace i is the same whatever range is asked for.
        var random = SeededRandom(seed: UInt64(truncatingIfNeeded: index) &* 0x2545_F491_4F6C_DD1D ^ SeededRandom.seed(profile))
        let target = targets[Int(random.next() % UInt64(max(targets.count, 1)))]
        let model = Self.pick(&random)
        let started = now.addingTimeInterval(-30 * 86_400 * random.unit())
        let roll = random.unit()
        let status: TraceRecord.Status = roll < 0.93 ? .ok : roll < 0.98 ? .error : (model.embedding ? .error : .cancelled)
        let stream = !model.embedding && random.unit() < 0.6
        let fallback = status == .ok && Self.backups[model.name] != nil && random.unit() < 0.05
        let cacheHit = status == .ok && !fallback && random.unit() < 0.03
        let tokensIn = model.embedding ? 8 + Int(random.next() % 500) : 40 + Int(pow(random.unit(), 2) * 6_000)
        var tokensOut = model.embedding ? 0 : 10 + Int(pow(random.unit(), 1.5) * 1_500)
        let tokensCached = !model.embedding && random.unit() < 0.2 ? tokensIn / 2 : 0
        if status == .cancelled { tokensOut = tokensOut / 3 }
        if status == .error { tokensOut = 0 }
        let jitter = 0.7 + random.unit() * 0.8
        var latency = (model.baseLatencyMs + Double(tokensOut) * model.msPerOutputToken) * jitter
        let ttft: Double? = stream ? model.baseLatencyMs * jitter : nil
        let overhead = 0.05 + random.unit() * 0.3
        let (served, servedModel) = fallback ? Self.backups[model.name]! : (model.provider, model.name)

        var attempts: [TraceAttemptRecord] = []
        var httpStatus = 200
        var errorType: String?
        var errorMessage: String?
        if status == .error {
            let errors = [
                (429, "rate_limited", "Rate limit reached for requests"), (500, "upstream_error", "The server had an error"),
                (503, "upstream_unavailable", "The engine is currently overloaded"), (504, "timeout", "upstream timed out"),
            ]
            let error = errors[Int(random.next() % UInt64(errors.count))]
            (httpStatus, errorType, errorMessage) = error
            latency = error.0 == 504 ? 30_000 : model.baseLatencyMs * jitter
        }
        let price = prices.price(provider: model.provider, model: model.name)
        let billedCost: Int64? =
            cacheHit
            ? 0
            : status == .error
                ? nil
                : price.map { CostCalculator.nanoUSD(TokenUsage(input: tokensIn, output: tokensOut, cachedInput: tokensCached), price: $0) }
        let costStatus: String? =
            cacheHit ? "cached" : status == .error ? "not_billed" : price == nil ? "unpriced" : status == .ok ? "priced" : "estimated"
        if fallback {
            let failedLatency = model.baseLatencyMs * 0.5
            attempts.append(
                TraceAttemptRecord(
                    attempt: 1, provider: model.provider, model: model.name, status: .error, httpStatus: 503,
                    errorType: "upstream_unavailable", errorMessage: "The engine is currently overloaded", latencyMs: failedLatency,
                    tokensIn: 0, tokensOut: 0, costNanoUSD: nil, startedAt: started
                ))
            latency += failedLatency
        }
        if !cacheHit {
            attempts.append(
                TraceAttemptRecord(
                    attempt: attempts.count + 1, provider: served, model: servedModel, status: status,
                    httpStatus: status == .cancelled ? nil : httpStatus,
                    errorType: errorType, errorMessage: errorMessage, latencyMs: latency, tokensIn: status == .error ? 0 : tokensIn,
                    tokensOut: tokensOut, costNanoUSD: billedCost,
                    startedAt: started.addingTimeInterval((attempts.first?.latencyMs ?? 0) / 1000)
                ))
        }
        return TraceRecord(
            id: idPrefix() + String(index), organizationID: target.organizationID, projectID: target.projectID,
            environmentID: target.environmentID, apiKeyID: target.apiKeyID,
            endpoint: model.embedding ? "embeddings" : "chat.completions", modelRequested: model.name,
            provider: cacheHit ? "cache" : served, modelServed: servedModel, status: status,
            httpStatus: status == .cancelled ? nil : httpStatus, errorType: status == .cancelled ? "client_cancelled" : errorType,
            errorMessage: status == .cancelled ? "the client disconnected" : errorMessage, stream: stream,
            attempts: attempts.count, fallback: fallback, cacheHit: cacheHit,
            latencyMs: cacheHit ? 1 + random.unit() * 3 : (latency * 1000).rounded() / 1000,
            ttftMs: cacheHit ? nil : ttft.map { ($0 * 1000).rounded() / 1000 }, overheadMs: (overhead * 1000).rounded() / 1000,
            tokensIn: status == .error ? 0 : tokensIn, tokensOut: tokensOut, tokensCached: status == .error ? 0 : tokensCached,
            tokensCacheWrite: 0, tokensReasoning: 0, costNanoUSD: billedCost,
            costStatus: costStatus, startedAt: started,
            finishedAt: started.addingTimeInterval(latency / 1000), attemptRecords: attempts
        )
    }

    static func pick(_ random: inout SeededRandom) -> Model {
        let total = models.reduce(0) { $0 + $1.weight }
        var point = random.unit() * total
        for model in models {
            point -= model.weight
            if point < 0 { return model }
        }
        return models[models.count - 1]
    }
}
