@testable import BrokleProviders
import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Testing

/// Azure OpenAI through the OpenAI adapter: the deployment goes in the path, the version in the
/// query, the key in `api-key`.
@Suite struct AzureAddressingTests {
    @Test func callsTheDeploymentWithApiVersionAndApiKeyHeader() async throws {
        let seen = Mutex<[String]>([])
        let router = Router(context: BasicRequestContext.self)
        router.post("/openai/deployments/:deployment/chat/completions") { request, context in
            seen.withLock {
                $0.append(
                    "\(context.parameters.get("deployment") ?? "") \(request.uri.queryParameters.get("api-version") ?? "") \(request.headers[HTTPField.Name("api-key")!] ?? "") \(request.headers[.authorization] ?? "none")"
                )
            }
            return ScriptedUpstream.completion(name: "azure")
        }
        try await LocalServers.run(router) { port in
            let adapter = OpenAIProvider(
                name: "azure-eu", settings: .init(baseURL: "http://127.0.0.1:\(port)", apiKey: "az-secret"), client: .shared,
                addressing: .azure(apiVersion: "2024-10-21")
            )
            let reply = try await adapter.send(
                UpstreamRequest(
                    endpoint: .chatCompletions, body: ByteBuffer(string: #"{"model":"gpt4o-prod","messages":[]}"#),
                    upstreamModel: "gpt4o-prod",
                    stream: false, includeUsage: false, requestID: "r1"
                ))
            guard case .complete(let status, let body, _) = reply else { Issue.record("expected a complete reply"); return }
            #expect(status == 200 && String(buffer: body).contains("from azure"))
            #expect(seen.withLock { $0 } == ["gpt4o-prod 2024-10-21 az-secret none"])
        }
    }
}
