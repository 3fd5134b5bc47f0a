@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// An OpenAI-compatible upstream for the OpenTelemetry tests: notes the `traceparent` of every call
/// it receives; the model `broken` answers 503, any other a short completion with usage (streamed
/// when asked: two chunks, then usage).
final class TelemetryUpstream: Sendable {
    static let providerKey = "sk-otel-upstream-secret-42"
    let traceparents = Mutex<[String?]>([])

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            self.traceparents.withLock { $0.append(request.headers[.init("traceparent")!]) }
            let model = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["model"] as? String ?? ""
            if model == "broken" {
                return FakeUpstream.json(#"{"error":{"message":"overloaded","type":"server_error"}}"#, status: .serviceUnavailable)
            }
            if body.contains(#""stream":true"#) {
                let chunks = ["the ", "answer"].map {
                    #"data: {"id":"s","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\#($0)"}}]}"# + "\n\n"
                }
                let usage =
                    #"data: {"id":"s","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":13,"completion_tokens":2,"total_tokens":15}}"#
                return Response(
                    status: .ok, headers: [.contentType: "text/event-stream"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: chunks.joined() + usage + "\n\ndata: [DONE]\n\n")))
            }
            return FakeUpstream.json(
                #"{"id":"c1","object":"chat.completion","created":1,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant","content":"the answer is 42"},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}"#
            )
        }
        return router
    }

    /// Providers `flaky` and `steady` on `port`; `smart` tries flaky's `broken` model, then steady's
    /// `gpt-4o-mini`; `direct` is steady alone.
    static func catalog(port: Int) -> ProviderCatalog {
        let base = "http://127.0.0.1:\(port)/v1"
        return ProviderCatalog(
            providers: [
                ProviderConfig(name: "flaky", kind: .openai(.init(baseURL: base, apiKey: providerKey, timeout: 10))),
                ProviderConfig(name: "steady", kind: .openai(.init(baseURL: base, apiKey: providerKey, timeout: 10))),
            ],
            models: [
                ModelRoute(
                    name: "smart",
                    targets: [RouteTarget(provider: "flaky", model: "broken"), RouteTarget(provider: "steady", model: "gpt-4o-mini")]),
                ModelRoute(name: "direct", provider: "steady", upstreamModel: "gpt-4o-mini"),
            ])
    }

    /// Export on, to `url`, in small quick batches.
    static func exporting(to url: String, capture: Bool = false) -> (inout GatewaySettings) -> Void {
        { settings in
            settings.telemetry.enabled = true
            settings.telemetry.tracesEndpoint = url
            settings.telemetry.scheduleDelay = 0.05
            settings.telemetry.exportTimeout = 2
            settings.telemetry.captureContent = capture
            settings.telemetry.contentMaxBytes = 200
        }
    }
}
