@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// Every key of brokle.yaml is checked against what the settings read: a typo is an error naming
/// its path and the nearest known key, never a setting silently left at its default.
@Suite struct ProxyFileUnknownKeyTests {
    func loadError(_ yaml: String) throws -> BrokleError? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try ProxyFile.loadAll(path: path, lookup: { _ in nil })
            return nil
        } catch {
            return error
        }
    }

    @Test func aMistypedModelKeyNamesItsPathAndTheNearestKey() throws {
        let error = try #require(
            try loadError(
                """
                providers: { mock: { kind: mock } }
                models:
                  m2: { provider: mock, cach: { mode: exact } }
                """))
        #expect(error.kind == .config)
        #expect(error.message.hasSuffix(": models.m2.cach: unknown key (did you mean cache?)"))
    }

    @Test(arguments: [
        ("providers: { mock: { kind: mock, latncy: 20ms } }", "providers.mock.latncy: unknown key (did you mean latency?)"),
        (
            "providers: { mock: { kind: mock } }\nrouting: { circuit_breaker: { cooldwn: 5s } }",
            "routing.circuit_breaker.cooldwn: unknown key (did you mean cooldown?)"
        ),
        (
            "providers: { mock: { kind: mock } }\nmodels: { m: { targets: [{ provider: mock, wieght: 2 }] } }",
            "models.m.targets.0.wieght: unknown key (did you mean weight?)"
        ),
        (
            "providers: { mock: { kind: mock } }\nmodels: { m: { provider: mock, guardrails: { input: { default: mask }, restor: true } } }",
            "models.m.guardrails.restor: unknown key (did you mean restore?)"
        ),
        ("provider: { mock: { kind: mock } }", "provider: unknown key (did you mean providers?)"),
    ])
    func unknownKeysAnywhereAreErrors(yaml: String, expected: String) throws {
        let error = try #require(try loadError(yaml))
        #expect(error.kind == .config)
        #expect(error.message.hasSuffix(": " + expected), "\(error.message)")
    }

    @Test func aMistypedRequiredKeyIsNamedBeforeTheMissingOne() throws {
        let error = try #require(try loadError("providers: { mock: { knd: mock } }"))
        #expect(error.message.hasSuffix(": providers.mock.knd: unknown key (did you mean kind?)"), "\(error.message)")
    }

    @Test func everyUnknownKeyIsListedOnce() throws {
        let error = try #require(
            try loadError("providers: { mock: { kind: mock, colour: red } }\nmodels: { m: { provider: mock, size: 3 } }\n"))
        #expect(error.message.contains("models.m.size: unknown key"))
        #expect(error.message.contains("providers.mock.colour: unknown key"))
        #expect(error.message.components(separatedBy: "unknown key").count == 3)
    }

    @Test func freeFormMapsTakeAnyKey() throws {
        // Provider headers, plan quotas and OTLP headers are maps whose keys are the user's own.
        let error = try loadError(
            """
            providers: { openai: { kind: openai, base_url: "https://api.openai.com/v1", api_key: sk-x, headers: { X-Anything: "1", OpenAI-Organization: org } } }
            plans: { free: { monthly_requests: 10 } }
            """)
        #expect(error == nil, "\(String(describing: error?.message))")
    }
}

@Suite struct EditDistanceTests {
    @Test func distances() {
        #expect(EditDistance.between("cach", "cache") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("same", "same") == 0)
    }

    @Test func nearestOnlyWhenCloseEnough() {
        #expect(EditDistance.nearest(to: "cach", in: ["cache", "provider"]) == "cache")
        #expect(EditDistance.nearest(to: "guardrails", in: ["cache", "provider", "model"]) == nil)
        #expect(EditDistance.nearest(to: "x", in: ["y"]) == "y")
    }
}
