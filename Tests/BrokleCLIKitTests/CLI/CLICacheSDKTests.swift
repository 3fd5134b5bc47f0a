@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle proxy` with a response cache, as the official SDKs see it.
@Suite struct CLICacheSDKTests {
    static let yaml = """
        providers:
          mock: { kind: mock, mode: echo, chunk_interval: 1ms }
        models:
          cached-chat: { provider: mock, model: mock-chat, cache: { mode: exact, ttl: 10m } }
          mock-chat: { provider: mock }
          mock-embed: { provider: mock }
        """

    /// A stored answer replays in the other shape (whole ↔ stream) through the official OpenAI and
    /// Anthropic SDKs, unmodified. Required in CI like the other SDK tests.
    @Test(
        .enabled(
            if: (CLIProxyTests.pythonSDKAvailable && CLIProxyTests.anthropicSDKAvailable)
                || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"))
    func replaysAreIndistinguishableToTheOfficialSDKs() async throws {
        #expect(CLIProxyTests.pythonSDKAvailable && CLIProxyTests.anthropicSDKAvailable, "pip install openai anthropic")
        let proxy = try await CLIProxyTests.RunningProxy(yaml: Self.yaml)
        let root = proxy.baseURL.hasSuffix("/v1") ? String(proxy.baseURL.dropLast(3)) : proxy.baseURL
        try await CLIProxyTests.runPythonCheck(
            "cache_sdk_check.py", environment: ["BROKLE_BASE_URL": proxy.baseURL, "BROKLE_ROOT_URL": root, "BROKLE_KEY": proxy.key],
            checks: 6)
        #expect(try await proxy.stop() == 0)
    }
}
