import BrokleCore
import BrokleStorage
import Foundation

/// `trace show --format table`: one trace laid out for a person — the header facts, the attempts,
/// then the conversation when content was captured. Every value that came from a client or an
/// upstream passes through ``TerminalText`` first.
enum TraceShowTable {
    static func lines(_ stored: TraceQueryStore.StoredTrace) -> [String] {
        var lines = facts(stored).map { label, value in
            label.padding(toLength: 12, withPad: " ", startingAt: 0) + TerminalText.safe(value, singleLine: true)
        }
        let attempts = stored.record.attemptRecords
        if !attempts.isEmpty {
            lines += ["", "ATTEMPTS"]
            lines += TableRenderer.render(
                columns: ["#", "provider", "model", "status", "http", "latency_ms", "tokens_in", "tokens_out", "error"],
                rows: attempts.map { a in
                    [
                        String(a.attempt), a.provider, a.model, a.status.rawValue, a.httpStatus.map(String.init) ?? "-",
                        milliseconds(a.latencyMs), String(a.tokensIn), String(a.tokensOut),
                        [a.errorType, a.errorMessage].compactMap { $0 }.joined(separator: ": "),
                    ].map { TerminalText.safe($0.isEmpty ? "-" : $0, singleLine: true) }
                })
        }
        lines += conversation(stored.record.content)
        return lines
    }

    /// The header: what was asked and served, how it went, what it cost, and who it was for.
    static func facts(_ stored: TraceQueryStore.StoredTrace) -> [(String, String)] {
        let t = stored.record
        var facts: [(String, String)] = [("TRACE", t.id)]
        facts.append(("STARTED", RFC3339.string(from: t.startedAt) + "  finished " + RFC3339.string(from: t.finishedAt)))
        let tenancy = [stored.org ?? t.organizationID, stored.project ?? t.projectID, stored.environment ?? t.environmentID]
        facts.append(("TENANCY", tenancy.joined(separator: "/") + "  key " + (stored.keyPublicID ?? t.apiKeyID)))
        facts.append(("REQUEST", "\(t.endpoint)  model \(t.modelRequested)" + (t.stream ? "  stream" : "")))
        var served = "\(t.provider ?? "-")/\(t.modelServed ?? "-")  \(t.status.rawValue)"
        if let http = t.httpStatus { served += " (\(http))" }
        if t.fallback { served += "  after a fallback" }
        facts.append(("SERVED", served))
        if t.errorType != nil || t.errorMessage != nil {
            facts.append(("ERROR", [t.errorType, t.errorMessage].compactMap { $0 }.joined(separator: ": ")))
        }
        var timing = "\(milliseconds(t.latencyMs)) ms"
        if let ttft = t.ttftMs { timing += "  first token \(milliseconds(ttft)) ms" }
        if let overhead = t.overheadMs { timing += "  gateway \(milliseconds(overhead)) ms" }
        facts.append(("LATENCY", timing))
        var tokens = "in \(t.tokensIn)  out \(t.tokensOut)"
        if t.tokensCached > 0 { tokens += "  cached \(t.tokensCached)" }
        if t.tokensCacheWrite > 0 { tokens += "  cache write \(t.tokensCacheWrite)" }
        if t.tokensReasoning > 0 { tokens += "  reasoning \(t.tokensReasoning)" }
        facts.append(("TOKENS", tokens))
        let cost = t.costNanoUSD.map { "\(CostCalculator.usd(nano: $0)) USD" } ?? "-"
        facts.append(("COST", cost + (t.costStatus.map { " (\($0))" } ?? "")))
        if let result = t.cacheResult ?? (t.cacheHit ? "hit" : nil) {
            var cache = result
            if let similarity = t.cacheSimilarity { cache += "  similarity \(TableRenderer.plain(similarity))" }
            if let saved = t.savedNanoUSD { cache += "  saved \(CostCalculator.usd(nano: saved)) USD" }
            if let embed = t.cacheEmbedNanoUSD { cache += "  embedding \(CostCalculator.usd(nano: embed)) USD" }
            facts.append(("CACHE", cache))
        }
        if let guardrails = t.guardrails { facts.append(("GUARDRAILS", guardrailsText(guardrails))) }
        if let user = t.endUser { facts.append(("END USER", user)) }
        if let session = t.sessionID { facts.append(("SESSION", session)) }
        if let tags = t.tags, !tags.isEmpty { facts.append(("TAGS", tags.joined(separator: ", "))) }
        if let metadata = t.metadata { facts.append(("METADATA", metadata)) }
        return facts
    }

    /// Milliseconds to the microsecond, as people read them.
    static func milliseconds(_ value: Double) -> String {
        TableRenderer.plain((value * 1000).rounded() / 1000)
    }

    /// `[{"direction","entity","action","count"}]` as `input email masked ×2, …`; the JSON when it is not that.
    static func guardrailsText(_ json: String) -> String {
        guard case .array(let findings)? = TraceRow.json(json) else { return json }
        return findings.map { finding in
            let words = ["direction", "entity", "action"].compactMap { finding[$0]?.stringValue }
            return words.joined(separator: " ") + (finding["count"]?.intValue.map { " ×\($0)" } ?? "")
        }.joined(separator: ", ")
    }
}
