@testable import BrokleCore
@testable import BrokleGateway
import Testing

@Suite struct SpanContentTests {
    @Test func keepsOnlyTheConversationFields() {
        let body = #"{"model":"m","temperature":0.2,"messages":[{"role":"user","content":"hi"}],"system":"be brief"}"#
        #expect(
            SpanContent.text(of: Array(body.utf8), fields: SpanContent.inputFields, limit: 1000)
                == #"{"messages":[{"content":"hi","role":"user"}],"system":"be brief"}"#)
        #expect(SpanContent.text(of: Array(#"{"model":"m"}"#.utf8), fields: SpanContent.inputFields, limit: 1000) == nil)
        #expect(SpanContent.text(of: Array("not json".utf8), fields: SpanContent.inputFields, limit: 1000) == nil)
    }

    @Test func cutsOnACharacterBoundaryWithinTheLimit() {
        #expect(SpanContent.capped("short", limit: 10) == "short")
        let cut = SpanContent.capped("ééééé", limit: 7)  // é is 2 bytes, … is 3
        #expect(cut == "éé…" && cut.utf8.count <= 7)
        #expect(SpanContent.capped("abc", limit: 1) == "…")
    }
}

@Suite struct TelemetryPeerTests {
    @Test func providerNamesAreTheConventionsWellKnownValues() {
        func peer(_ kind: ProviderConfig.Kind, _ kindName: String? = nil) -> TelemetryPeer {
            TelemetryPeer(ProviderConfig(name: "p", kind: kind, kindName: kindName))
        }
        let http = ProviderConfig.HTTPSettings(baseURL: "https://api.mistral.ai/v1", apiKey: "secret")
        #expect(peer(.openai(http), "mistral") == TelemetryPeer.expected("mistral_ai", "mistral_ai", "api.mistral.ai", 443))
        #expect(peer(.openai(http)).providerName == "openai")
        #expect(peer(.anthropic(http)).providerName == "anthropic")
        #expect(peer(.gemini(http)).system == "gemini")
        #expect(peer(.azure(http, apiVersion: "2024-06-01")).system == "az.ai.openai")
        let local = ProviderConfig.HTTPSettings(baseURL: "http://127.0.0.1:11434/v1", apiKey: nil)
        #expect(peer(.openai(local), "ollama").port == 11434)
        #expect(peer(.mock(.init())).address == nil)
    }
}

extension TelemetryPeer {
    fileprivate static func expected(_ providerName: String, _ system: String, _ address: String?, _ port: Int?) -> TelemetryPeer {
        var peer = TelemetryPeer(ProviderConfig(name: "x", kind: .mock(.init())))
        (peer.providerName, peer.system, peer.address, peer.port) = (providerName, system, address, port)
        return peer
    }
}

@Suite struct AnswerFactsTests {
    @Test func openAIAnswersAreReadForModelAndEveryChoicesFinishReason() {
        let body = #"{"model":"gpt-4o-2024-08-06","choices":[{"finish_reason":"stop"},{"finish_reason":"length"}]}"#
        let facts = AnswerFacts(ReplySummary(), body: Array(body.utf8), format: .openAIChat)
        #expect(facts == AnswerFacts.expected("gpt-4o-2024-08-06", ["stop", "length"]))
    }

    @Test func theReadersSummaryIsTakenWhenItHasThem() {
        let summary = ReplySummary(modelServed: "claude-x", finishReason: "end_turn")
        let facts = AnswerFacts(summary, body: Array(#"{"model":"other"}"#.utf8), format: .anthropicMessages)
        #expect(facts == AnswerFacts.expected("claude-x", ["end_turn"]))
        #expect(AnswerFacts(ReplySummary(), body: Array("[1]".utf8), format: .openAIChat) == AnswerFacts.expected(nil, []))
    }
}

extension AnswerFacts {
    fileprivate static func expected(_ model: String?, _ reasons: [String]) -> AnswerFacts {
        var facts = AnswerFacts(ReplySummary(), body: [], format: .anthropicMessages)
        (facts.model, facts.finishReasons) = (model, reasons)
        return facts
    }
}
