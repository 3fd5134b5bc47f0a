import BrokleCore
import Foundation

extension ProxyFile.Model {
    /// `models.<name>.cache`: `{ mode: off|exact|semantic, ttl, threshold, scope, embedder, max_temperature }`.
    struct Cache: Decodable {
        var mode: String?
        var ttl: String?
        var threshold: Double?
        var scope: String?
        var embedder: String?
        var maxTemperature: Double?

        enum CodingKeys: String, CodingKey {
            case mode, ttl, threshold, scope, embedder
            case maxTemperature = "max_temperature"
        }

        /// The validated policy; nil for `mode: off`. Errors name the file and the key.
        func policy(key: String, source: String) throws(BrokleError) -> CachePolicy? {
            func bad(_ field: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, key + field, reason) }
            let modes = (["off"] + CachePolicy.Mode.allCases.map(\.rawValue)).joined(separator: ", ")
            guard let modeText = mode else { throw bad(".mode", "missing (use \(modes))") }
            if modeText == "off" { return nil }
            guard let parsed = CachePolicy.Mode(rawValue: modeText) else { throw bad(".mode", "unknown mode '\(modeText)' (use \(modes))") }
            var policy = CachePolicy(mode: parsed)
            if let ttl {
                let seconds = try ProxyFile.duration(ttl, source: source, key: key + ".ttl")
                guard seconds >= 1, seconds <= CachePolicy.maximumTTL else { throw bad(".ttl", "must be between 1s and 30 days") }
                policy.ttl = seconds
            }
            if let threshold {
                guard threshold > 0, threshold <= 1 else { throw bad(".threshold", "must be above 0 and at most 1") }
                policy.threshold = threshold
            }
            if let scope {
                guard let parsed = CachePolicy.Scope(rawValue: scope) else {
                    throw bad(
                        ".scope", "unknown scope '\(scope)' (use \(CachePolicy.Scope.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                policy.scope = parsed
            }
            if let embedder {
                guard parsed == .semantic else { throw bad(".embedder", "only a semantic cache has an embedder") }
                policy.embedder = embedder == "lexical" ? .lexical : .model(embedder)
                guard !embedder.isEmpty else { throw bad(".embedder", "use lexical or the name of an embeddings model") }
            }
            if let maxTemperature {
                guard maxTemperature >= 0, maxTemperature <= 2 else { throw bad(".max_temperature", "must be between 0 and 2") }
                policy.maxTemperature = maxTemperature
            }
            return policy
        }
    }
}
