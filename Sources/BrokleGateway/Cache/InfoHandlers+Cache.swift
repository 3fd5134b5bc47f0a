import Foundation
import Hummingbird
import NIOCore

extension InfoHandlers {
    /// The body of `/health/cache`.
    struct CacheHealth {
        struct Model: Encodable {
            var model, mode, scope, embedder: String
            var ttlSeconds, threshold, maxTemperature: Double
            enum CodingKeys: String, CodingKey {
                case model, mode, scope, embedder, threshold
                case ttlSeconds = "ttl_seconds", maxTemperature = "max_temperature"
            }
        }
        struct Counts: Encodable { var entries: Int; var bytes: Int; var partitions: Int? }
        struct Body: Encodable { var status: String; var models: [Model]; var memory: Counts; var stored: Counts?; var error: String? }
    }

    /// `/health/cache`: which models cache and how, what is held in memory, and what is stored
    /// (read within 900 ms). Always 200: the cache fails open, so a database it cannot reach makes
    /// it `degraded`, not the gateway unhealthy.
    func cacheHealth(_ request: Request, context: some RequestContext) async -> Response {
        typealias Model = CacheHealth.Model
        let models = settings.catalog.models.compactMap { route -> Model? in
            guard let policy = route.cache else { return nil }
            let embedder: String =
                switch policy.embedder {
                case .lexical: policy.mode == .semantic ? "lexical" : "none"
                case .model(let name): name
                }
            return Model(
                model: route.name, mode: policy.mode.rawValue, scope: policy.scope.rawValue, embedder: embedder, ttlSeconds: policy.ttl,
                threshold: policy.threshold, maxTemperature: policy.maxTemperature)
        }
        let held = cache.held
        var body = CacheHealth.Body(
            status: "ok", models: models, memory: CacheHealth.Counts(entries: held.entries, bytes: held.bytes, partitions: held.partitions))
        do {
            let totals = try await cache.reads.totals(now: Date(), timeout: .milliseconds(900))
            body.stored = CacheHealth.Counts(entries: totals.entries, bytes: totals.bytes)
        } catch {
            body.status = "degraded"
            body.error = error.message
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes: [UInt8] = (try? Array(encoder.encode(body))) ?? Array(#"{"status":"degraded"}"#.utf8)
        return GatewayResponses.json(.ok, ByteBuffer(bytes: bytes))
    }
}
