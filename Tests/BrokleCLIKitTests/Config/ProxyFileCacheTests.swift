@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// `models.<name>.cache` in brokle.yaml.
@Suite struct ProxyFileCacheTests {
    func load(_ models: String) throws -> ProxyFile.Loaded {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-\(UUID().uuidString).yaml").path
        try ("providers:\n  a: { kind: mock }\nmodels:\n" + models).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ProxyFile.loadAll(path: path, lookup: { _ in nil })
    }

    func policy(_ name: String, in loaded: ProxyFile.Loaded) -> CachePolicy? {
        loaded.catalog.models.first { $0.name == name }?.cache
    }

    @Test func readsEveryFieldAndDefaults() throws {
        let loaded = try load(
            """
              plain: { provider: a }
              off: { provider: a, cache: { mode: off } }
              exact: { provider: a, cache: { mode: exact } }
              near:
                provider: a
                cache: { mode: semantic, ttl: 10m, threshold: 0.9, scope: project, embedder: lexical, max_temperature: 0.5 }
              vectors: { provider: a, cache: { mode: semantic, embedder: embed } }
              embed: { provider: a }
            """)
        #expect(policy("plain", in: loaded) == nil)
        #expect(policy("off", in: loaded) == nil)
        let exact = try #require(policy("exact", in: loaded))
        #expect(exact.mode == .exact && exact.ttl == 3600 && exact.scope == .environment && exact.threshold == 0.95)
        let near = try #require(policy("near", in: loaded))
        #expect(near.mode == .semantic && near.ttl == 600 && near.threshold == 0.9 && near.scope == .project)
        #expect(near.embedder == .lexical && near.maxTemperature == 0.5)
        #expect(policy("vectors", in: loaded)?.embedder == .model("embed"))
    }

    @Test(arguments: [
        ("m: { provider: a, cache: {} }", "models.m.cache.mode: missing"),
        ("m: { provider: a, cache: { mode: fuzzy } }", "unknown mode 'fuzzy'"),
        ("m: { provider: a, cache: { mode: exact, ttl: 0s } }", "models.m.cache.ttl"),
        ("m: { provider: a, cache: { mode: exact, ttl: soon } }", "invalid duration 'soon'"),
        ("m: { provider: a, cache: { mode: semantic, threshold: 1.5 } }", "models.m.cache.threshold"),
        ("m: { provider: a, cache: { mode: exact, scope: world } }", "unknown scope 'world'"),
        ("m: { provider: a, cache: { mode: exact, embedder: lexical } }", "only a semantic cache has an embedder"),
        ("m: { provider: a, cache: { mode: semantic, embedder: nowhere } }", "no model named 'nowhere'"),
        ("m: { provider: a, cache: { mode: exact, max_temperature: 3 } }", "models.m.cache.max_temperature"),
    ])
    func badSettingsNameTheKey(yaml: String, expected: String) {
        #expect {
            try load("  " + yaml)
        } throws: { error in
            guard let error = error as? BrokleError else { return false }
            return error.kind == .config && error.message.contains(expected)
        }
    }
}
