import BrokleCore
import BrokleTransport

import Foundation
import NIOCore

/// Google's Gemini API (AI Studio, `https://generativelanguage.googleapis.com/v1beta`): OpenAI chat
/// requests are translated to `generateContent` / `streamGenerateContent?alt=sse`, embeddings to
/// `batchEmbedContents`, and the answers back to the OpenAI shapes. The key goes in the
/// `x-goog-api-key` header, never in the URL, so it cannot leak into logs. `.completions` has no
/// Gemini equivalent.
package struct GeminiProvider: ProviderAdapter {
    package let name: String
    let settings: ProviderConfig.HTTPSettings
    let client: UpstreamClient

    package init(name: String, settings: ProviderConfig.HTTPSettings, client: UpstreamClient) {
        self.name = name
        self.settings = settings
        self.client = client
    }

    package var secrets: [String] { settings.secrets }

    package func send(_ request: UpstreamRequest) async throws -> UpstreamReply {
        switch request.endpoint {
        case .completions, .responses:
            throw GatewayError.invalidRequest(
                "The endpoint '\(request.endpoint.rawValue)' is not supported by provider '\(name)' (kind gemini).")
        case .embeddings:
            let resource = try resourceName(request.upstreamModel)
            let body = try GeminiWire.encoder.encode(
                GeminiRequestMapping.embedRequest(fromOpenAI: Data(buffer: request.body), resource: resource))
            let response = try await call(url: url(resource, method: "batchEmbedContents"), body: body, request: request, stream: false)
            return try await complete(response) { try GeminiResponseMapping.embeddingList(fromGemini: $0, model: request.upstreamModel) }
        case .chatCompletions:
            let resource = try resourceName(request.upstreamModel)
            let body = try GeminiRequestMapping.body(fromOpenAI: Data(buffer: request.body))
            let created = Int(Date().timeIntervalSince1970)
            if request.stream {
                let response = try await call(
                    url: url(resource, method: "streamGenerateContent") + "?alt=sse", body: body, request: request, stream: true)
                guard (200..<300).contains(Int(response.status.code)) else { return try await complete(response) { $0 } }
                let mapping = GeminiStreamMapping(
                    fallbackID: request.requestID, model: request.upstreamModel, created: created, includeUsage: request.includeUsage)
                return .stream(TranslatedStream(upstream: response.body, translator: mapping))
            }
            let response = try await call(url: url(resource, method: "generateContent"), body: body, request: request, stream: false)
            return try await complete(response) {
                try GeminiResponseMapping.body(
                    fromGemini: $0, fallbackID: request.requestID, model: request.upstreamModel, created: created)
            }
        }
    }

    /// The model's resource name: `gemini-2.0-flash` and `models/gemini-2.0-flash` both name
    /// `models/gemini-2.0-flash`; another resource path (`tunedModels/x`) is kept. The name goes
    /// into the URL path (and a client can choose it with `provider/model`), so only plain
    /// characters are allowed.
    func resourceName(_ model: String) throws -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/")
        guard !model.isEmpty, model.allSatisfy(allowed.contains),
            !model.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
        else {
            throw GatewayError.invalidRequest("'\(model)' is not a valid Gemini model name (provider '\(name)').", param: "model")
        }
        return model.contains("/") ? model : "models/" + model
    }

    private func url(_ resource: String, method: String) -> String {
        var base = settings.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(resource):\(method)"
    }

    private func call(url: String, body: Data, request: UpstreamRequest, stream: Bool) async throws -> UpstreamHTTPResponse {
        var call = UpstreamHTTPRequest(url: url)
        call.method = .POST
        call.headers.add(name: "content-type", value: "application/json")
        call.headers.add(name: "accept", value: stream ? "text/event-stream" : "application/json")
        if let key = settings.apiKey { call.headers.add(name: "x-goog-api-key", value: key) }
        for (header, value) in settings.headers { call.headers.replaceOrAdd(name: header, value: value) }
        call.headers.add(name: "x-request-id", value: request.requestID)
        for (name, value) in request.traceHeaders { call.headers.replaceOrAdd(name: name, value: value) }
        return try await UpstreamCall.send(
            call, body: ByteBuffer(data: body), stream: stream, timeout: request.timeLimit(settings.timeout), client: client, provider: name
        )
    }

    /// A whole answer: 2xx bodies through `translate`, errors into OpenAI's error shape.
    private func complete(_ response: UpstreamHTTPResponse, translate: (Data) throws -> Data) async throws -> UpstreamReply {
        let bytes = try await UpstreamCall.body(of: response, provider: name)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let error = GeminiResponseMapping.error(status: status, body: Data(buffer: bytes), secrets: secrets)
            let retryAfter = response.retryAfter ?? GeminiResponseMapping.retryDelay(body: Data(buffer: bytes))
            return .complete(status: error.status, body: ByteBuffer(data: error.body), retryAfter: retryAfter)
        }
        do {
            return .complete(status: status, body: ByteBuffer(data: try translate(Data(buffer: bytes))))
        } catch {
            throw GatewayError.upstreamInvalidResponse(name)
        }
    }
}
