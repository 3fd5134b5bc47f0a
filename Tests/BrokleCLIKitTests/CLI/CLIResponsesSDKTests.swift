@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle proxy`'s Responses API (`/v1/responses`) as OpenAI's own Python SDKs see it — the SDK
/// itself and the Agents SDK, unmodified — over routes that speak chat completions (the mock) and
/// Anthropic's Messages API (a fake Anthropic), so every call is translated and the conversation
/// state is Brokle's. Required in CI like the other SDK tests.
@Suite struct CLIResponsesSDKTests {
    static func yaml(anthropicPort: Int) -> String {
        """
        providers:
          mock: { kind: mock }
          echo: { kind: mock, mode: echo }
          cached: { kind: mock, mode: echo, chunk_interval: 1ms }
          down: { kind: mock, error_rate: 1, error_status: 503 }
          busy: { kind: mock, error_rate: 1, error_status: 429 }
          claude: { kind: anthropic, base_url: "http://127.0.0.1:\(anthropicPort)/v1", api_key: sk-ant-test }
        models:
          mock-chat: { provider: mock }
          echo-chat: { provider: echo, model: echo }
          cached-chat: { provider: cached, model: echo, cache: { mode: exact, ttl: 10m } }
          busy-chat: { provider: busy, model: x }
          claude-agent: { provider: claude, model: claude-sonnet-4-5-agent }
          fallback-chat:
            strategy: fallback
            targets:
              - { provider: down, model: x }
              - { provider: mock, model: mock-chat }
        """
    }

    static var agentsSDKAvailable: Bool { CLIProxyTests.pythonModuleAvailable("agents") }

    @Test(.enabled(if: CLIProxyTests.pythonSDKAvailable || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"))
    func theOfficialOpenAISDKUsesTheResponsesAPI() async throws {
        #expect(CLIProxyTests.pythonSDKAvailable, "pip install openai")
        try await FakeAnthropic().run { port in
            let proxy = try await CLIProxyTests.RunningProxy(yaml: Self.yaml(anthropicPort: port))
            try await CLIProxyTests.runPythonCheck(
                "responses_sdk_check.py", environment: ["BROKLE_BASE_URL": proxy.baseURL, "BROKLE_KEY": proxy.key], checks: 16)
            #expect(try await proxy.stop() == 0)
        }
    }

    @Test(.enabled(if: agentsSDKAvailable || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"))
    func anAgentsSDKAgentRunsItsToolLoopThroughBrokle() async throws {
        #expect(Self.agentsSDKAvailable, "pip install openai-agents")
        try await FakeAnthropic().run { port in
            let proxy = try await CLIProxyTests.RunningProxy(yaml: Self.yaml(anthropicPort: port))
            try await CLIProxyTests.runPythonCheck(
                "agents_sdk_check.py", environment: ["BROKLE_BASE_URL": proxy.baseURL, "BROKLE_KEY": proxy.key], checks: 4)
            #expect(try await proxy.stop() == 0)
        }
    }
}
