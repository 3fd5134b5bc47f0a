import BrokleCore
import BrokleProviders
import NIOCore

/// The content stage: once guardrails have screened the request, a request whose scope keeps
/// content (``LoggingBook``) starts its ``CapturedContent`` with the body the client sent — or,
/// when its guardrails masked it, the masked body that went on, never the original. The answer is
/// added where the request ends (`finish`). When the guardrails give the client its values back in
/// the answer (`restore`), the stored answer has them masked again: what the provider was not
/// allowed to see is not kept in the logs either.
extension ProxyHandler {
    func keepContent(
        _ received: ByteBuffer, inbound: InboundRequest, format: WireFormat, guardrails: GuardrailSession?, outcome: inout RequestOutcome
    ) {
        let mode = logging?.content(for: outcome.key) ?? settings.requestLogs.content
        guard mode != .off else { return }
        let masked = outcome.guardrails.counts.keys.contains { $0.direction == .input && $0.action == .mask }
        outcome.content = CapturedContent(
            mode: mode, maximumBytes: settings.requestLogs.contentMaxBytes, format: format,
            request: masked ? ByteBuffer(bytes: inbound.native?.bytes ?? inbound.inspector.bytes) : received)
        if let guardrails, guardrails.profile.policy.restore, !guardrails.masker.originals.isEmpty {
            outcome.content?.restored = guardrails.masker.originals
        }
    }
}
