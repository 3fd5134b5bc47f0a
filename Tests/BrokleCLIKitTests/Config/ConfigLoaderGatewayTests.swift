@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// The gateway's settings come through the same layers as every other setting: flags, then the
/// environment, then `.env`; `${VAR}` in brokle.yaml sees both.
@Suite struct ConfigLoaderGatewayTests {
    func folder(dotEnv: String, yaml: String? = nil) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-gateway-config-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try dotEnv.write(to: url.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        if let yaml { try yaml.write(to: url.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8) }
        return url.path
    }

    @Test func precedenceIsFlagsThenEnvironmentThenDotEnv() throws {
        let dir = try folder(dotEnv: "BROKLE_HOST=0.0.0.0\nBROKLE_PORT=9000\nBROKLE_DRAIN_TIMEOUT=5\nBROKLE_SPILL_DIR=/tmp/dotenv-spill\n")
        let fromDotEnv = try ConfigLoader(environment: [:], currentDirectory: dir).loadGateway(.init(), .init())
        #expect(fromDotEnv.host == "0.0.0.0" && fromDotEnv.port == 9000 && fromDotEnv.drainTimeout == 5)
        #expect(fromDotEnv.spillDirectory == "/tmp/dotenv-spill")

        let loader = ConfigLoader(environment: ["BROKLE_PORT": "9001", "BROKLE_DRAIN_TIMEOUT": "7"], currentDirectory: dir)
        let fromEnvironment = try loader.loadGateway(.init(), .init())
        #expect(fromEnvironment.port == 9001 && fromEnvironment.drainTimeout == 7 && fromEnvironment.host == "0.0.0.0")
        #expect(try loader.loadGateway(.init(), .init(host: "127.0.0.2", port: 9002)).port == 9002)
        #expect(try loader.loadGateway(.init(), .init(host: "127.0.0.2", port: 9002)).host == "127.0.0.2")
    }

    @Test func variablesInBrokleYamlSeeTheEnvironmentOverDotEnv() throws {
        let dir = try folder(
            dotEnv: "UPSTREAM_KEY=sk-dotenv\nOTHER_KEY=sk-other\n",
            yaml: """
                providers:
                  a: { kind: openai, base_url: "http://127.0.0.1:1/v1", api_key: "${UPSTREAM_KEY}" }
                  b: { kind: openai, base_url: "http://127.0.0.1:1/v1", api_key: "${OTHER_KEY}" }
                """)
        let settings = try ConfigLoader(environment: ["UPSTREAM_KEY": "sk-env"], currentDirectory: dir).loadGateway(.init(), .init())
        #expect(settings.catalogSource == "brokle.yaml")
        guard case .openai(let a) = settings.catalog.provider(named: "a")?.kind,
            case .openai(let b) = settings.catalog.provider(named: "b")?.kind
        else {
            Issue.record("openai providers")
            return
        }
        #expect(a.apiKey == "sk-env" && b.apiKey == "sk-other")
    }

    @Test func badValuesNameTheVariable() throws {
        let dir = try folder(dotEnv: "BROKLE_AUTH_TIMEOUT=0\n")
        #expect { try ConfigLoader(environment: [:], currentDirectory: dir).loadGateway(.init(), .init()) } throws: {
            ($0 as? BrokleError)?.message == "BROKLE_AUTH_TIMEOUT is invalid: '0'"
        }
        #expect { try ConfigLoader(environment: ["BROKLE_PORT": "x"], currentDirectory: dir).loadGateway(.init(), .init()) } throws: {
            ($0 as? BrokleError)?.message == "BROKLE_PORT is invalid: 'x'"
        }
    }

    @Test func cacheLimitsComeFromTheEnvironment() throws {
        let dir = try folder(dotEnv: "BROKLE_CACHE_MEMORY_MB=16\nBROKLE_CACHE_REFRESH=5\n")
        let loader = ConfigLoader(
            environment: ["BROKLE_CACHE_MAX_ENTRIES": "500", "BROKLE_CACHE_TIMEOUT": "0.1"], currentDirectory: dir)
        let cache = try loader.loadGateway(.init(), .init()).cache
        #expect(cache.memoryBytes == 16 << 20 && cache.refresh == 5 && cache.maxEntriesPerScope == 500 && cache.lookupTimeout == 0.1)
        #expect {
            try ConfigLoader(environment: ["BROKLE_CACHE_MAX_ENTRIES": "0"], currentDirectory: dir).loadGateway(.init(), .init())
        } throws: { ($0 as? BrokleError)?.message == "BROKLE_CACHE_MAX_ENTRIES is invalid: '0'" }
    }

    @Test func oneLoaderReadsDotEnvOnce() throws {
        let dir = try folder(dotEnv: "BROKLE_PORT=9000\nBROKLE_FORMAT=table\n")
        let loader = ConfigLoader(environment: [:], currentDirectory: dir)
        #expect(try loader.load(.init()).format == .table)
        try "BROKLE_PORT=9999\n".write(toFile: dir + "/.env", atomically: true, encoding: .utf8)
        #expect(try loader.loadGateway(.init(), .init()).port == 9000)
        #expect(try ConfigLoader(environment: [:], currentDirectory: dir).loadGateway(.init(), .init()).port == 9999)
    }
}
