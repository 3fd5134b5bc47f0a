import AsyncHTTPClient
import Foundation
import NIOCore

/// Any OpenAI-compatible HTTP API (OpenAI itself, Azure OpenAI, Groq, Ollama, vLLM, ...): the
/// request body is forwarded as it is, with the provider's key and extra headers; the response is
/// relayed.
public struct OpenAIProvider: ProviderAdapter {
    /// Where a call goes and how it authenticates.
    public enum Addressing: Sendable, Equatable {
        /// `{base}/chat/completions`, `Authorization: Bearer <key>`.
        case openAI
        /// `{base}/openai/deployments/{model}/chat/completions?api-version=...`, `api-key: <key>`:
        /// the route's model is the Azure deployment name.
        case azure(apiVersion: String)
    }

    public let name: String
    let settings: ProviderConfig.HTTPSettings
    let client: HTTPClient
    let addressing: Addressing
    /// Largest non-streaming response accepted from any upstream (64 MiB), for every adapter:
    /// a larger one is answered as `upstream_bad_response`.
    static let maxResponseBytes = 64 * 1024 * 1024

    public init(name: String, settings: ProviderConfig.HTTPSettings, client: HTTPClient, addressing: Addressing = .openAI) {
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
        case .azure(let version):
            let deployment = model.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? model
            return settings.baseURL + "/openai/deployments/" + deployment + endpoint.path + "?api-version=" + version
        }
    }

    public var secrets: [String] { [settings.apiKey].compactMap { $0 } + Array(settings.headers.values) }

    public func send(_ request: UpstreamRequest) async throws -> UpstreamReply {
        var call = HTTPClientRequest(url: url(request.endpoint, model: request.upstreamModel))
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
        call.body = .bytes(request.body)
        let timeout = TimeAmount.milliseconds(Int64(settings.timeout * 1000))
        let response: HTTPClientResponse
        do {
            // A whole response must arrive within the timeout; a stream must start within it and
            // may then run as long as the upstream keeps sending.
            response = request.stream
                ? try await Self.head(of: call, within: timeout, client: client)
                : try await client.execute(call, timeout: timeout)
        } catch {
            throw UpstreamFailure.classify(error, provider: name)
        }
        let status = Int(response.status.code)
        if request.stream && (200..<300).contains(status) {
            return .stream(response.body)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw UpstreamFailure.classify(error, provider: name)
        }
        // A 2xx body goes to the client as it is, or through the Anthropic translation for
        // `/v1/messages`: one nested deeper than either reads safely is a broken answer.
        if (200..<300).contains(status) && !JSONNesting.isWithinLimit(body.readableBytesView) {
            throw GatewayError.upstreamBadResponse("The provider '\(name)' answered with JSON nested deeper than \(JSONNesting.maxDepth) levels.")
        }
        return .complete(status: status, body: body, retryAfter: response.retryAfter)
    }
}

extension OpenAIProvider {
    /// The response head, or a timeout if it takes longer than `timeout`. The body that follows is
    /// not bound by the timeout.
    static func head(of call: HTTPClientRequest, within timeout: TimeAmount, client: HTTPClient) async throws -> HTTPClientResponse {
        try await withThrowingTaskGroup(of: HTTPClientResponse?.self) { group in
            group.addTask { try await client.execute(call, deadline: .distantFuture) }
            group.addTask {
                try await Task.sleep(for: .nanoseconds(timeout.nanoseconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw HTTPClientError.deadlineExceeded
            }
            return response
        }
    }
}
