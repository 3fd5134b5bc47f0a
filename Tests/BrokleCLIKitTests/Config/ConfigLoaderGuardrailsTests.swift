@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// `BROKLE_GUARDRAILS_REFRESH` over `guardrails.refresh` over `BROKLE_LIMIT_REFRESH`, and the
/// `guardrails:` section alone for `brokle guardrails set`.
@Suite struct ConfigLoaderGuardrailsTests {
    func folder(dotEnv: String = "", yaml: String? = nil) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-guardrails-config-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try dotEnv.write(to: url.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        if let yaml { try yaml.write(to: url.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8) }
        return url.path
    }

    func refresh(_ environment: [String: String], dotEnv: String = "", yaml: String? = nil) throws -> Duration {
        try ConfigLoader(environment: environment, currentDirectory: try folder(dotEnv: dotEnv, yaml: yaml)).loadGateway(.init(), .init())
            .guardrails.refresh
    }

    @Test func refreshFollowsTheLimitsUnlessSetItself() throws {
        #expect(try refresh([:]) == .seconds(10))
        #expect(try refresh(["BROKLE_LIMIT_REFRESH": "3"]) == .seconds(3))
        let yaml = "providers:\n  a: { kind: mock }\nguardrails:\n  refresh: 4s\n"
        #expect(try refresh(["BROKLE_LIMIT_REFRESH": "3"], yaml: yaml) == .seconds(4))
        #expect(try refresh([:], dotEnv: "BROKLE_GUARDRAILS_REFRESH=5\n", yaml: yaml) == .seconds(5))
        #expect(
            try refresh(["BROKLE_GUARDRAILS_REFRESH": "0.5"], dotEnv: "BROKLE_GUARDRAILS_REFRESH=5\n", yaml: yaml) == .milliseconds(500))
        #expect { try refresh(["BROKLE_GUARDRAILS_REFRESH": "0"]) } throws: {
            ($0 as? BrokleError)?.kind == .config && ($0 as? BrokleError)?.message.contains("BROKLE_GUARDRAILS_REFRESH") == true
        }
    }

    @Test func configCheckSaysWhereTheRefreshCameFrom() throws {
        func row(_ environment: [String: String], yaml: String? = nil) throws -> ResolvedSetting? {
            try ConfigLoader(environment: environment, currentDirectory: try folder(yaml: yaml)).resolve(.init(), .init())
                .first { $0.setting == "BROKLE_GUARDRAILS_REFRESH" }
        }
        #expect(try row([:]).map { [$0.value, $0.source] } == ["10", "default"])
        #expect(try row(["BROKLE_LIMIT_REFRESH": "4"]).map { [$0.value, $0.source] } == ["4", "environment"])
        let yaml = "providers:\n  a: { kind: mock }\nguardrails:\n  refresh: 2500ms\n"
        #expect(try row(["BROKLE_LIMIT_REFRESH": "4"], yaml: yaml).map { [$0.value, $0.source] } == ["2.5", "brokle.yaml"])
        #expect(try row(["BROKLE_GUARDRAILS_REFRESH": "7"], yaml: yaml).map { [$0.value, $0.source] } == ["7", "environment"])
    }

    @Test func theGatewaySettingsCarryTheFilesGuardrails() throws {
        let yaml =
            "providers:\n  a: { kind: mock }\nguardrails:\n  entities: { badge: 'B[0-9]{4}' }\n  default: { input: { badge: mask } }\n"
        let settings = try ConfigLoader(environment: [:], currentDirectory: try folder(yaml: yaml)).loadGateway(.init(), .init())
        #expect(settings.guardrails.customEntities.map(\.name) == ["badge"])
        #expect(settings.guardrails.defaultPolicy?.input.action(for: GuardrailEntity("badge")) == .mask)
    }

    @Test func theSectionAloneIsReadWithoutTheOthersVariables() throws {
        // `${OPENAI_API_KEY}` is not set: the whole file would not load, its guardrails section does.
        let yaml = """
            providers:
              openai: { kind: openai, api_key: "${OPENAI_API_KEY}" }
            guardrails:
              entities: { badge: 'B[0-9]{4}' }
            """
        let loader = ConfigLoader(environment: [:], currentDirectory: try folder(yaml: yaml))
        #expect(try loader.loadGuardrails(.init()).customEntities.map(\.name) == ["badge"])
        #expect(try ConfigLoader(environment: [:], currentDirectory: try folder()).loadGuardrails(.init()).customEntities.isEmpty)
    }
}
