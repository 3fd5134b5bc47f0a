import BrokleCore

/// The guardrails' configuration beyond each model's own policy (brokle.yaml `guardrails:`): the
/// custom entities, the policy every model starts from, and how often the policies set with
/// `brokle guardrails` are read again.
package struct GuardrailSettings: Sendable {
    /// `guardrails.entities`: name → pattern (``LinearPattern`` syntax), sorted by name.
    package var customEntities: [(name: String, pattern: String)] = []
    /// `guardrails.default`: applies to every model, merged with the model's own policy.
    package var defaultPolicy: GuardrailPolicy?
    /// How often the gateway reads the policies of scopes again (`BROKLE_GUARDRAILS_REFRESH`, else
    /// `guardrails.refresh`, else the limits' `BROKLE_LIMIT_REFRESH`): changes apply within it.
    package var refresh: Duration = .seconds(10)

    package init(customEntities: [(name: String, pattern: String)] = [], defaultPolicy: GuardrailPolicy? = nil) {
        self.customEntities = customEntities.sorted { $0.name < $1.name }
        self.defaultPolicy = defaultPolicy
    }

    /// The entities a policy may name: the built-in ones, `deny`, and the custom ones.
    package var knownEntities: Set<GuardrailEntity> {
        GuardrailEntity.alwaysKnown.union(customEntities.map { GuardrailEntity($0.name) })
    }

    /// The first entity `policy` names that is not known, as a message listing the known ones.
    package func unknownEntity(in policy: GuardrailPolicy) -> (direction: GuardrailDirection, entity: GuardrailEntity, message: String)? {
        let known = knownEntities
        for direction in GuardrailDirection.allCases {
            guard let entity = policy.rules(direction).actions.keys.sorted().first(where: { !known.contains($0) }) else { continue }
            let names = known.sorted().map(\.name).joined(separator: ", ")
            return (direction, entity, "unknown entity '\(entity.name)' (known: \(names); custom ones go in guardrails.entities)")
        }
        return nil
    }

    /// The model's policy merged with the default one: what applies to every request for `route`
    /// before the scopes' policies; nil when neither has one.
    package func policy(for route: ModelRoute) -> GuardrailPolicy? {
        GuardrailPolicy.merging([defaultPolicy, route.guardrails].compactMap { $0 })
    }
}
