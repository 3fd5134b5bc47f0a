import BrokleCore
import BrokleTransport

import Foundation
import NIOCore

/// A provider that serves only OpenAI's Responses API (`api: responses`): chat completions (and,
/// through them, Anthropic clients' `/v1/messages`) go to `/responses` translated, and come back
/// in chat format, so the rest of the gateway reads them as any OpenAI answer.
extension OpenAIProvider {
    func sendAsResponses(_ request: UpstreamRequest) async throws -> UpstreamReply {
        guard request.endpoint == .chatCompletions else {
            throw GatewayError.invalidRequest(
                "The endpoint '\(request.endpoint.rawValue)' is not supported by provider '\(name)': it serves only OpenAI's Responses API (api: responses)."
            )
        }
        let body = try ResponsesOutbound.body(
            fromChat: Array(request.body.readableBytesView), model: request.upstreamModel, stream: request.stream)
        let response = try await post(ByteBuffer(bytes: body), to: url(.responses, model: request.upstreamModel), for: request)
        let status = Int(response.status.code)
        let created = Int(Date().timeIntervalSince1970)
        if request.stream && (200..<300).contains(status) {
            let mapping = ResponsesStreamMapping(
                fallbackID: "chatcmpl-" + request.requestID, model: request.upstreamModel, created: created,
                includeUsage: request.includeUsage)
            return .stream(TranslatedStream(upstream: response.body, translator: mapping))
        }
        let answer = try await UpstreamCall.body(of: response, provider: name)
        // Error bodies are OpenAI's shape already.
        guard (200..<300).contains(status) else { return .complete(status: status, body: answer, retryAfter: response.retryAfter) }
        switch try ResponsesOutbound.answer(
            fromResponse: answer.readableBytesView, created: created, model: request.upstreamModel, provider: name)
        {
        case .completion(let completion):
            return .complete(status: status, body: ByteBuffer(bytes: completion))
        case .failure(let failedStatus, let error):
            return .complete(status: failedStatus, body: ByteBuffer(bytes: error))
        }
    }
}
