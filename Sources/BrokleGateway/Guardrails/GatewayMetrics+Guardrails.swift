import BrokleCore
import CoreMetrics

/// Guardrails' metric: values found, by entity, the action they met and the direction
/// (`brokle_guardrail_findings_total{entity,action,direction}`). Entities are the built-in ones
/// and those brokle.yaml names, so the labels stay bounded.
extension GatewayMetrics {
    func guardrails(_ tally: GuardrailTally) {
        for (key, count) in tally.counts {
            let (entity, action, direction) = (key.entity.name, key.action.rawValue, key.direction.rawValue)
            handles.counter(.init(.guardrailFindings, entity, action, direction)) {
                CoreMetrics.Counter(
                    label: "brokle_guardrail_findings_total",
                    dimensions: [("entity", entity), ("action", action), ("direction", direction)],
                    factory: factory)
            }.increment(by: Int64(count))
        }
    }
}
