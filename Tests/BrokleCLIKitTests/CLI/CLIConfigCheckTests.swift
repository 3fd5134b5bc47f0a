import Foundation
import Testing

/// `brokle config check` as a user runs it: the configuration `brokle proxy` would start with,
/// validated the same way, each setting with its source, secrets hidden.
@Suite struct CLIConfigCheckTests {
    func folder(_ yaml: String, dotEnv: String? = nil) throws -> URL {
        let folder = try BrokleBinary.scratchDirectory()
        try yaml.write(to: folder.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        if let dotEnv { try dotEnv.write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8) }
        return folder
    }

    static let yaml = """
        providers:
          mock: { kind: mock, latency: 5ms }
          cloud: { kind: openai, base_url: "https://api.example.com/v1", api_key: "${CLOUD_KEY}", headers: { X-Team: t-secret } }
        models:
          smart: { strategy: fallback, targets: [{ provider: cloud, model: gpt-4o }, { provider: mock }], retries: 2 }
        """

    @Test func printsEverySettingWithItsSourceAndHidesSecrets() async throws {
        let folder = try folder(Self.yaml, dotEnv: "BROKLE_DRAIN_TIMEOUT=12\n")
        let result = try await BrokleBinary.run(
            ["config", "check", "--host", "0.0.0.0"],
            environment: [
                "CLOUD_KEY": "sk-cloud-secret", "BROKLE_PORT": "9123",
                "BROKLE_DATABASE_URL": "postgres://brokle:pg-secret@db.internal:5432/brokle",
            ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        var rows: [String: (value: String?, source: String?)] = [:]
        for line in try result.lines() {
            rows[line["setting"]?.stringValue ?? ""] = (line["value"]?.stringValue, line["source"]?.stringValue)
        }
        #expect(rows["BROKLE_HOST"]?.value == "0.0.0.0" && rows["BROKLE_HOST"]?.source == "flag")
        #expect(rows["BROKLE_PORT"]?.value == "9123" && rows["BROKLE_PORT"]?.source == "environment")
        #expect(rows["BROKLE_DRAIN_TIMEOUT"]?.value == "12" && rows["BROKLE_DRAIN_TIMEOUT"]?.source == ".env")
        #expect(rows["BROKLE_AUTH_CACHE_TTL"]?.value == "30" && rows["BROKLE_AUTH_CACHE_TTL"]?.source == "default")
        #expect(rows["BROKLE_CONFIG"]?.value?.hasSuffix("/brokle.yaml") == true)
        #expect(rows["models.smart.retries"]?.value == "2" && rows["models.smart.retries"]?.source == "brokle.yaml")
        #expect(rows["models.smart.targets.0.model"]?.value == "gpt-4o")
        #expect(rows["providers.mock.latency"]?.value == "5ms")
        #expect(rows["providers.cloud.api_key"]?.value == "***")
        #expect(rows["providers.cloud.headers.X-Team"]?.value == "***")
        #expect(rows["BROKLE_DATABASE_URL"]?.value?.hasPrefix("postgres://brokle:***@db.internal:5432/brokle") == true)
        for secret in ["sk-cloud-secret", "t-secret", "pg-secret"] {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(secret) leaked")
        }
    }

    @Test func aMistypedKeyFailsLikeTheProxyWouldAndStartsNothing() async throws {
        let folder = try folder("providers: { mock: { kind: mock } }\nmodels:\n  m2: { provider: mock, cach: { mode: exact } }\n")
        for command in [["config", "check"], ["proxy", "--port", "0"]] {
            let result = try await BrokleBinary.run(command, environment: ["BROKLE_DATABASE_URL": "sqlite::memory:"], in: folder)
            #expect(result.status == 3, "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            let error = try #require(try result.errorLine())
            #expect(error["error"]?["type"] == .string("config"))
            #expect(
                error["error"]?["message"]?.stringValue?.hasSuffix("models.m2.cach: unknown key (did you mean cache?)") == true,
                "\(result.stderr)")
        }
    }

    @Test func aBadEnvironmentValueIsAConfigError() async throws {
        let result = try await BrokleBinary.run(
            ["config", "check"], environment: ["BROKLE_CACHE_TIMEOUT": "soon"], in: try folder("providers: { mock: { kind: mock } }\n"))
        #expect(result.status == 3)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains("BROKLE_CACHE_TIMEOUT") == true)
    }

    @Test func tableFormatForPeople() async throws {
        let result = try await BrokleBinary.run(
            ["config", "check", "--format", "table"], in: try folder("providers: { mock: { kind: mock } }\n"))
        #expect(result.status == 0)
        let header = try #require(result.stdout.split(separator: "\n").first)
        #expect(header.contains("SETTING") || header.contains("setting"))
        #expect(result.stdout.contains("providers.mock.kind"))
    }
}
