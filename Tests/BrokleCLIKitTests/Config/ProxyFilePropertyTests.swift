@testable import BrokleCore
@testable import BrokleSettings
import PropertyBased
import Testing

/// Seeded property checks of the brokle.yaml loader (text in, catalog or config error out).
@Suite struct ProxyFilePropertyTests {
    static func load(_ text: String, variables: [String: String] = [:]) throws(BrokleError) -> ProxyFile.Loaded {
        try ProxyFile.load(text, source: "fuzz.yaml", lookup: { variables[$0] })
    }

    /// Text made of YAML syntax and brokle.yaml's own keys: never a crash, and a failure is a config
    /// error naming the file.
    @Test func anyTextLoadsOrIsAConfigErrorNamingTheFile() async {
        let pieces = [
            "providers:", "models:", "routing:", "pricing:", "\n", "\n  ", "\n    ", "- ", ": ", "{", "}", "[", "]", ", ",
            "kind: mock", "kind: openai", "kind: ", "base_url: http://127.0.0.1:1/v1", "provider: ", "model: ", "targets:",
            "strategy: weighted", "weight: 2", "timeout: 5s", "retries: 3", "mock", "m1", "\"", "'", "#", "&a ", "*a", "!!int ",
            "${X}", "${", "$$", "é", "~", "null", "-1", "1e999", "|", ">", "---", "...",
        ]
        let input = Fuzz.generator { fuzz in (0..<fuzz.int(0...40)).map { _ in fuzz.pick(pieces) }.joined() }
        await propertyCheck(count: 400, input: input) { text in
            do throws(BrokleError) {
                _ = try Self.load(text, variables: ["X": "x"])
            } catch {
                #expect(error.kind == .config)
                #expect(error.message.hasPrefix("fuzz.yaml"))
            }
        }
    }

    struct Layout: Sendable, CustomTestStringConvertible {
        var providers: [String: String]
        var models: [String: String]
        var text: String
        var testDescription: String { text }
    }

    /// A well-formed file, written in block or flow style, yields exactly its providers and models,
    /// each model routed to the provider it names.
    @Test func aValidFileYieldsItsProvidersAndModels() async throws {
        let input = Fuzz.generator { fuzz -> Layout in
            var providers: [String: String] = [:]
            for index in 0..<fuzz.int(1...4) { providers["p\(index)"] = fuzz.pick(["mock", "openai", "ollama"]) }
            var models: [String: String] = [:]
            for index in 0..<fuzz.int(0...5) { models["model-\(index).x"] = "p\(fuzz.int(0...providers.count - 1))" }
            var text = "providers:\n"
            for (name, kind) in providers.sorted(by: { $0.key < $1.key }) {
                let url = kind == "openai" ? ", base_url: \"http://127.0.0.1:9/v1\"" : ""
                text +=
                    fuzz.chance(0.5)
                    ? "  \(name): { kind: \(kind)\(url) }\n"
                    : "  \(name):\n    kind: \(kind)\n" + (url.isEmpty ? "" : "    base_url: http://127.0.0.1:9/v1\n")
            }
            if !models.isEmpty || fuzz.chance(0.5) { text += "models:" + (models.isEmpty ? " {}" : "") + "\n" }
            for (name, provider) in models.sorted(by: { $0.key < $1.key }) {
                text +=
                    fuzz.chance(0.5)
                    ? "  \(name): { provider: \(provider) }\n"
                    : "  \"\(name)\":\n    targets: [{ provider: \(provider), model: up-\(name) }]\n"
            }
            return Layout(providers: providers, models: models, text: text)
        }
        await propertyCheck(count: 200, input: input) { layout in
            let loaded = try Self.load(layout.text)
            #expect(Set(loaded.catalog.providers.map(\.name)) == Set(layout.providers.keys))
            #expect(Set(loaded.catalog.models.map(\.name)) == Set(layout.models.keys))
            for (name, provider) in layout.models {
                #expect(loaded.catalog.route(name)?.targets.map(\.provider) == [provider])
            }
        }
    }
}
