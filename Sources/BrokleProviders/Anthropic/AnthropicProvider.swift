import BrokleCore
import BrokleTransport

import Foundation
import NIOCore

/// Anthropic's Messages API behind the OpenAI contract: the OpenAI chat request is translated to
/// `POST {baseURL}/messages`, the message or stream that comes back is translated to OpenAI's
/// shapes. An Anthropic client's own body goes as it is, and its answer comes back as it came
/// (thinking blocks and their signatures included). `baseURL` includes `/v1`
/// (`https://api.anthropic.com/v1`). Only chat completions exist.
package struct AnthropicProvider: ProviderAdapter {
    package let name: String
    let settings: ProviderConfig.HTTPSettings
    let client: UpstreamClient

    package init(name: String, settings: ProviderConfig.HTTPSettings, client: UpstreamClient) {
        self.name = name
        self.settings = settings
        self.client = client
    }

    package var secrets: [String] { settings.secrets }
    package func speaks(_ format: WireFormat) -> Bool { format == .anthropicMessages }

    package func reader(for request: UpstreamRequest) -> any ReplyReader {
        request.nativeBody(in: .anthropicMessages) == nil ? OpenAIReplyReader() : AnthropicReplyReader()
    }

    package func send(_ request: UpstreamRequest) async throws -> UpstreamReply {
        guard request.endpoint == .chatCompletions else {
            throw GatewayError.invalidRequest(
                "The endpoint '\(request.endpoint.rawValue)' is not supported by provider '\(name)' (kind anthropic).")
        }
        // An Anthropic client's body needs no translation: only its model was rewritten.
        let body =
            try request.nativeBody(in: .anthropicMessages)
            ?? ByteBuffer(
                bytes: AnthropicRequestMapping.body(
                    fromChat: Array(request.body.readableBytesView), model: request.upstreamModel, stream: request.stream)
            )
        var call = UpstreamHTTPRequest(url: settings.baseURL + "/messages")
        call.method = .POST
        call.headers.add(name: "content-type", value: "application/json")
        call.headers.add(name: "accept", value: request.stream ? "text/event-stream" : "application/json")
        call.headers.add(name: "anthropic-version", value: AnthropicWire.version)
        if let key = settings.apiKey { call.headers.add(name: "x-api-key", value: key) }
        // Configured headers win: a newer anthropic-version, anthropic-beta flags, a gateway's auth.
        for (header, value) in settings.headers { call.headers.replaceOrAdd(name: header, value: value) }
        for (name, value) in request.traceHeaders { call.headers.replaceOrAdd(name: name, value: value) }
        let created = Int(Date().timeIntervalSince1970)
        let response = try await UpstreamCall.send(
            call, body: body, stream: request.stream, timeout: request.timeLimit(settings.timeout), client: client, provider: name)
        let status = Int(response.status.code)
        let passThrough = request.nativeBody(in: .anthropicMessages) != nil
        if request.stream && (200..<300).contains(status) {
            // Relayed event by event; the relay reads usage through ``AnthropicReplyReader``.
            if passThrough { return .stream(response.body) }
            let mapping = AnthropicStreamMapping(model: request.upstreamModel, includeUsage: request.includeUsage, created: created)
            return .stream(TranslatedStream(upstream: response.body, translator: mapping))
        }
        let answer = try await UpstreamCall.body(of: response, provider: name)
        guard (200..<300).contains(status) else {
            let error = AnthropicResponseMapping.errorBody(status: status, body: answer.readableBytesView, provider: name, secrets: secrets)
            return .complete(status: status, body: ByteBuffer(bytes: error), retryAfter: response.retryAfter)
        }
        if passThrough {
            // Only read, never rewritten: but one the gateway cannot read is as broken as through translation.
            guard AnthropicReplyReader.envelope(answer.readableBytesView) != nil else {
                throw GatewayError.upstreamBadResponse("The provider '\(name)' answered with a message Brokle could not read.")
            }
            return .complete(status: status, body: answer)
        }
        let completion = try AnthropicResponseMapping.chatCompletion(from: answer.readableBytesView, created: created, provider: name)
        return .complete(status: status, body: ByteBuffer(bytes: completion))
    }
}
