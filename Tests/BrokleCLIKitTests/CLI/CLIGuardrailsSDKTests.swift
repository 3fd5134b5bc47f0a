@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle proxy` with a guardrail policy in brokle.yaml, as the official SDKs see it.
@Suite struct CLIGuardrailsSDKTests {
    static let yaml = """
        providers:
          mock: { kind: mock, mode: echo, chunk_interval: 1ms }
        models:
          guarded:
            provider: mock
            model: mock-chat
            guardrails: { input: { email: mask, card: block }, restore: true }
        """

    /// Masked on the way out, restored on the way back, blocked with each SDK's own error — whole
    /// and streamed, OpenAI and Anthropic. Required in CI like the other SDK tests.
    @Test(
        .enabled(
            if: (CLIProxyTests.pythonSDKAvailable && CLIProxyTests.anthropicSDKAvailable)
                || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"))
    func theOfficialSDKsSeeTheirValuesRestoredAndBlocksAsErrors() async throws {
        #expect(CLIProxyTests.pythonSDKAvailable && CLIProxyTests.anthropicSDKAvailable, "pip install openai anthropic")
        let proxy = try await CLIProxyTests.RunningProxy(yaml: Self.yaml)
        let root = proxy.baseURL.hasSuffix("/v1") ? String(proxy.baseURL.dropLast(3)) : proxy.baseURL
        try await CLIProxyTests.runPythonCheck(
            "guardrails_sdk_check.py", environment: ["BROKLE_BASE_URL": proxy.baseURL, "BROKLE_ROOT_URL": root, "BROKLE_KEY": proxy.key],
            checks: 6)
        #expect(try await proxy.stop() == 0)
    }
}
