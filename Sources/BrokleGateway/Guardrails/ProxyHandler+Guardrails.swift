import BrokleCore
import BrokleProviders
import HTTPTypes

/// The guardrail stage: after admission, before the cache. The request's bodies are screened by
/// the policy that applies to its key and model — masked (the provider and the cache key see
/// placeholders), or refused with the client's 400 naming the entity — and what it did goes to the
/// outcome, for the trace, the metrics and the `x-brokle-guardrails` header.
extension ProxyHandler {
    /// Screens `inbound` (rebuilt from its masked bodies when something was masked); returns the
    /// session that screens the answer, nil when no policy applies.
    func screen(_ inbound: inout InboundRequest, endpoint: Endpoint, outcome: inout RequestOutcome) throws(GatewayError)
        -> GuardrailSession?
    {
        guard let book = guardrails, let profile = book.profile(key: outcome.key, route: inbound.route) else { return nil }
        var session = GuardrailSession(profile: profile)
        do {
            // The client's own body is the one counted when there is one: the OpenAI body is then
            // its translation (or a stand-in), holding the same values or none.
            let native = try inbound.native.flatMap { native throws(GatewayError) in try session.screenRequest(native.bytes, counted: true)
            }
            let openAI = try session.screenRequest(inbound.inspector.bytes, counted: inbound.native == nil)
            if native != nil || openAI != nil {
                inbound = try InboundRequest(
                    inspector: try openAI.map { bytes throws(GatewayError) in try RequestInspector(bytes) } ?? inbound.inspector,
                    model: inbound.model, endpoint: endpoint, catalog: settings.catalog,
                    native: try native.map { bytes throws(GatewayError) in try RequestInspector(bytes) } ?? inbound.native,
                    nativeFormat: inbound.nativeFormat, nativeOnly: inbound.nativeOnly)
            }
        } catch {
            outcome.guardrails = session.tally
            throw error
        }
        outcome.guardrails = session.tally
        return session
    }
}

extension RequestOutcome {
    /// Keeps what `session` counted (the answer's output rules included, for a whole answer) and
    /// says so in the `x-brokle-guardrails` header.
    mutating func noteGuardrails(_ session: GuardrailSession?, headers: inout HTTPFields) {
        guard let session else { return }
        guardrails = session.tally
        if let header = session.header { headers.append(HTTPField(name: GatewayResponses.guardrailsHeader, value: header)) }
    }
}
