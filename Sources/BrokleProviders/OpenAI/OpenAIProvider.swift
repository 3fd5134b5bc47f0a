import BrokleCore
import BrokleTransport

import Foundation
import NIOCore

/// Any OpenAI-compatible HTTP API (OpenAI itself, Azure OpenAI, Groq, Ollama, vLLM, ...): the
/// request body is forwarded as it is, with the provider's key and extra headers; the response is
/// relayed. One that speaks the Responses API (``ProviderConfig/HTTPSettings/speaksResponses``)
/// gets a `/v1/responses` client's own body at `/responses` and answers in that format. One that
/// serves only the Responses API (``ProviderConfig/HTTPSettings/responsesOnly``) gets every chat
/// completion translated into a Responses call (``sendAsResponses(_:)``).
package struct OpenAIProvider: ProviderAdapter {
    /// Where a call goes and how it authenticates.
    package enum Addressing: Sendable, Equatable {
        /// `{base}/chat/completions`, `Authorization: Bearer <key>`.
        case openAI
        /// `{base}/openai/deployments/{model}/chat/completions?api-version=...`, `api-key: <key>`:
        /// the route's model is the Azure deployment name.
        case azure(apiVersion: String)
    }

    package let name: String
    let settings: ProviderConfig.HTTPSettings
    let client: UpstreamClient
    let addressing: Addressing

    package init(name: String, settings: ProviderConfig.HTTPSettings, client: UpstreamClient, addressing: Addressing = .openAI) {
        self.name = name
        self.settings = settings
        self.client = client
        self.addressing = addressing
    }

    /// The URL of `endpoint` for `model`.
    func url(_ endpoint: Endpoint, model: String) -> String {
        switch addressing {
        case .openAI:
            return settings.baseURL + endpoint.path
        case .azure(let version) where endpoint == .responses:
            // The Responses API is addressed per resource, the deployment named in the body.
            return settings.baseURL + "/openai" + endpoint.path + "?api-version=" + version
        case .azure(let version):
            let deployment =
                model.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? model
            return settings.baseURL + "/openai/deployments/" + deployment + endpoint.path + "?api-version=" + version
        }
    }

    package var secrets: [String] { settings.secrets }

    package func speaks(_ format: WireFormat) -> Bool { format == .openAIResponses && settings.speaksResponses }

    package func reader(for request: UpstreamRequest) -> any ReplyReader {
        request.nativeBody(in: .openAIResponses) == nil ? OpenAIReplyReader() : ResponsesReplyReader()
    }

    package func send(_ request: UpstreamRequest) async throws -> UpstreamReply {
        if settings.responsesOnly && request.nativeBody(in: .openAIResponses) == nil { return try await sendAsResponses(request) }
        var outgoing = request.nativeBody(in: .openAIResponses) ?? request.body
        if request.native == nil, let stripped = AnthropicThinking.withoutAnthropicReasoning(outgoing) {
            outgoing = ByteBuffer(bytes: stripped)
        }
        let response = try await post(outgoing, to: url(request.endpoint, model: request.upstreamModel), for: request)
        let status = Int(response.status.code)
        if request.stream && (200..<300).contains(status) {
            return .stream(response.body)
        }
        let body = try await UpstreamCall.body(of: response, provider: name)
        // A 2xx body goes to the client as it is, or through the Anthropic translation for
        // `/v1/messages`: one nested deeper than either reads safely is a broken answer.
        if (200..<300).contains(status) && !JSONNesting.isWithinLimit(body.readableBytesView) {
            throw GatewayError.upstreamBadResponse(
                "The provider '\(name)' answered with JSON nested deeper than \(JSONNesting.maxDepth) levels.")
        }
        return .complete(status: status, body: body, retryAfter: response.retryAfter)
    }

    /// POSTs `body` to `url` with the provider's key, configured headers, the request id and trace headers.
    func post(_ body: ByteBuffer, to url: String, for request: UpstreamRequest) async throws -> UpstreamHTTPResponse {
        var call = UpstreamHTTPRequest(url: url)
        call.method = .POST
        call.headers.add(name: "content-type", value: "application/json")
        call.headers.add(name: "accept", value: request.stream ? "text/event-stream" : "application/json")
        if let key = settings.apiKey {
            switch addressing {
            case .openAI: call.headers.add(name: "authorization", value: "Bearer \(key)")
            case .azure: call.headers.add(name: "api-key", value: key)
            }
        }
        for (header, value) in settings.headers { call.headers.replaceOrAdd(name: header, value: value) }
        call.headers.add(name: "x-request-id", value: request.requestID)
        for (name, value) in request.traceHeaders { call.headers.replaceOrAdd(name: name, value: value) }
        return try await UpstreamCall.send(
            call, body: body, stream: request.stream, timeout: request.timeLimit(settings.timeout), client: client, provider: name)
    }
}
