import BrokleCore
import BrokleProviders
import Foundation

/// What a span says about a whole answer: the model that produced it and why each choice stopped.
/// The reply reader's summary when it has them (Anthropic's does); for OpenAI-format answers,
/// whose reader scans only usage on the request path, read here, and only when export is on.
struct AnswerFacts: Equatable {
    var model: String?
    var finishReasons: [String] = []

    init(_ summary: ReplySummary, body: some Sequence<UInt8>, format: WireFormat) {
        model = summary.modelServed
        if let reason = summary.finishReason { finishReasons = [reason] }
        guard format == .openAIChat, model == nil || finishReasons.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        else { return }
        if model == nil { model = object["model"] as? String }
        if finishReasons.isEmpty, let choices = object["choices"] as? [[String: Any]] {
            finishReasons = choices.compactMap { $0["finish_reason"] as? String }
        }
    }
}
