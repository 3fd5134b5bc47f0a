@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle route test` as a user runs it, against a brokle.yaml in the working folder.
@Suite struct CLIRouteTests {
    static let yaml = """
        providers:
          fast: { kind: mock }
          broken: { kind: mock, error_rate: 1, error_status: 503 }
          cloud: { kind: openai, base_url: "http://127.0.0.1:1/v1", api_key: sk-route-secret }
        models:
          smart:
            strategy: fallback
            targets:
              - { provider: broken, model: mock-chat }
              - { provider: fast, model: mock-chat }
          cheap:
            strategy: lowest-cost
            targets: [{ provider: cloud, model: gpt-4o }, { provider: cloud, model: gpt-4o-mini }]
        """

    func folder(_ yaml: String = yaml) throws -> URL {
        let folder = try BrokleBinary.scratchDirectory()
        try yaml.write(to: folder.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func dryRunExplainsTheOrderOfEachStrategy() async throws {
        let folder = try folder()
        let fallback = try await BrokleBinary.run(["route", "test", "--model", "smart", "--dry-run"], in: folder)
        #expect(fallback.status == 0, "\(fallback.stderr)")
        let lines = try fallback.lines()
        #expect(lines.map { $0["provider"]?.stringValue } == ["broken", "fast"])
        #expect(lines.map { $0["reason"]?.stringValue } == ["primary", "fallback 1"])
        #expect(lines.allSatisfy { $0["strategy"] == .string("fallback") && $0["circuit"] == .string("closed") && $0["status"] == .null })

        let cheap = try await BrokleBinary.run(["route", "test", "--model", "cheap", "--dry-run"], in: folder).lines()
        #expect(cheap.map { $0["upstream_model"]?.stringValue } == ["gpt-4o-mini", "gpt-4o"])
        #expect(cheap[0]["reason"]?.stringValue?.hasPrefix("lowest estimated price") == true)
        #expect(cheap.allSatisfy { $0["estimated_cost_usd"]?.doubleValue ?? 0 > 0 })
    }

    @Test func liveTestAddsStatusAndLatencyAndNeverPrintsTheProviderKey() async throws {
        let folder = try folder()
        let result = try await BrokleBinary.run(["route", "test", "--model", "smart"], in: folder)
        #expect(result.status == 0)
        let lines = try result.lines()
        #expect(lines.map { $0["status"]?.intValue } == [503, 200])
        #expect(lines.allSatisfy { $0["latency_ms"]?.doubleValue != nil })
        let first = try await BrokleBinary.run(["route", "test", "--model", "smart", "--first"], in: folder).lines()
        #expect(first.map { $0["status"]?.intValue } == [503, nil])
        let cloud = try await BrokleBinary.run(["route", "test", "--model", "cheap"], in: folder)
        #expect(try cloud.lines().allSatisfy { $0["status"]?.intValue == 502 })
        #expect(!cloud.stdout.contains("sk-route-secret") && !cloud.stderr.contains("sk-route-secret"))
    }

    @Test func unknownModelsAndBadRoutesAreClearErrors() async throws {
        let unknown = try await BrokleBinary.run(["route", "test", "--model", "nope", "--dry-run"], in: try folder())
        #expect(unknown.status == 6)
        #expect(try unknown.errorLine()?["error"]?["hint"]?.stringValue?.contains("cheap, smart") == true)

        let bad = try await BrokleBinary.run(
            ["route", "test", "--model", "smart", "--dry-run"],
            in: try folder(
                """
                providers:
                  fast: { kind: mock }
                models:
                  smart: { strategy: fastest, targets: [{ provider: fast }] }
                """))
        #expect(bad.status == 3)
        let message = try bad.errorLine()?["error"]?["message"]?.stringValue ?? ""
        #expect(
            message.contains("brokle.yaml") && message.contains("models.smart.strategy") && message.contains("unknown strategy 'fastest'"))
    }
}
