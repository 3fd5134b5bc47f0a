import BrokleCore
import BrokleProviders
import BrokleSettings
import NIOCore
import Tracing

/// The CLIENT span of one upstream attempt, a child of the request's span. A failed attempt's span
/// ends when it fails; the span of the attempt that answered ends with the request, so a stream's
/// span lasts as long as the stream.
struct AttemptTelemetry: Sendable {
    let span: any Span
    let settings: TelemetrySettings

    /// The upstream body's conversation, when content capture is on.
    func sent(_ request: UpstreamRequest) {
        guard settings.captureContent else { return }
        let body = request.native?.body ?? request.body
        if let text = SpanContent.text(of: body.readableBytesView, fields: SpanContent.inputFields, limit: settings.contentMaxBytes) {
            span.attributes.set(GenAIAttributes.inputMessages, value: .string(text))
        }
    }

    /// A whole answer arrived: what it says about the model, why it stopped and, when content
    /// capture is on, what it said.
    func answered(_ body: ByteBuffer, reader: any ReplyReader) {
        let facts = AnswerFacts(reader.summary(of: body), body: body.readableBytesView, format: reader.format)
        span.updateAttributes { attributes in
            if let model = facts.model { attributes.set(GenAIAttributes.responseModel, value: .string(model)) }
            if !facts.finishReasons.isEmpty { attributes.set(GenAIAttributes.finishReasons, value: .stringArray(facts.finishReasons)) }
        }
        guard settings.captureContent,
            let text = SpanContent.text(of: body.readableBytesView, fields: SpanContent.outputFields, limit: settings.contentMaxBytes)
        else { return }
        span.attributes.set(GenAIAttributes.outputMessages, value: .string(text))
    }

    /// The attempt failed (and will not be retried under this span): its error, then the end.
    func failed(_ error: GatewayError) {
        span.updateAttributes { attributes in
            attributes.set(GenAIAttributes.errorType, value: .string(error.metricLabel))
            attributes.set(GenAIAttributes.httpStatus, value: .int64(Int64(error.status)))
        }
        span.setStatus(SpanStatus(code: .error))
        span.end()
    }

    /// The attempt that answered, ended with the request: its row in the trace.
    func ended(_ attempt: TraceAttemptRecord, modelServed: String?) {
        span.updateAttributes { attributes in
            if attributes.get(GenAIAttributes.responseModel) == nil, let modelServed {
                attributes.set(GenAIAttributes.responseModel, value: .string(modelServed))
            }
            attributes.set(GenAIAttributes.inputTokens, value: .int64(Int64(attempt.tokensIn)))
            attributes.set(GenAIAttributes.outputTokens, value: .int64(Int64(attempt.tokensOut)))
            if let status = attempt.httpStatus { attributes.set(GenAIAttributes.httpStatus, value: .int64(Int64(status))) }
            if attempt.status != .ok { attributes.set(GenAIAttributes.errorType, value: .string(attempt.errorType ?? "error")) }
        }
        if attempt.status == .error { span.setStatus(SpanStatus(code: .error)) }
        span.end()
    }
}
