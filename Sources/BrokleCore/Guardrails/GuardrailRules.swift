/// One direction's rules: an action per entity name and a default for the others.
///
/// JSON and YAML shape: `{"email": "mask", "card": "block", "default": "log"}`.
package struct GuardrailRules: Sendable, Equatable, Hashable {
    package var actions: [GuardrailEntity: GuardrailAction]
    /// The `default` key: the action of every entity `actions` does not name.
    package var fallback: GuardrailAction?

    package init(_ actions: [GuardrailEntity: GuardrailAction] = [:], fallback: GuardrailAction? = nil) {
        self.actions = actions
        self.fallback = fallback
    }

    /// `actions[entity] ?? fallback ?? .off`.
    package func action(for entity: GuardrailEntity) -> GuardrailAction { actions[entity] ?? fallback ?? .off }

    /// Every action off: nothing is looked for.
    package var isOff: Bool { (fallback ?? .off) == .off && actions.values.allSatisfy { $0 == .off } }

    /// Nothing said at all (no entity, no default).
    package var isEmpty: Bool { actions.isEmpty && fallback == nil }

    /// The strictest action of the two per entity, and of the two defaults: for every entity,
    /// `merged.action(for: e) == max(action(for: e), other.action(for: e))`.
    package func merged(with other: GuardrailRules) -> GuardrailRules {
        var merged = GuardrailRules()
        for entity in Set(actions.keys).union(other.actions.keys) {
            merged.actions[entity] = max(action(for: entity), other.action(for: entity))
        }
        if fallback != nil || other.fallback != nil { merged.fallback = max(fallback ?? .off, other.fallback ?? .off) }
        return merged
    }

    /// The rules with `other`'s entries written over these (entities `other` names, and its default
    /// when it has one); the rest kept.
    package func overridden(by other: GuardrailRules) -> GuardrailRules {
        GuardrailRules(actions.merging(other.actions) { $1 }, fallback: other.fallback ?? fallback)
    }

    /// Sets one entry from text: `key` is `default` or an entity name, `word` an action allowed in `direction`.
    package mutating func set(_ key: String, _ word: String, direction: GuardrailDirection) throws(GuardrailPolicyError) {
        let action = try GuardrailAction(word: word)
        guard direction.allowedActions.contains(action) else { throw Self.refused(action, direction) }
        if key == GuardrailEntity.fallbackKey {
            fallback = action
        } else {
            let entity = try GuardrailEntity(validating: key)
            actions[entity] = action
        }
    }

    /// The first entry `direction` does not allow (`block` on output), as an error naming its key.
    package func check(_ direction: GuardrailDirection) throws(GuardrailPolicyError) {
        var entries: [(key: String, action: GuardrailAction)] = actions.sorted { $0.key < $1.key }.map { ($0.key.name, $0.value) }
        if let fallback { entries.append((GuardrailEntity.fallbackKey, fallback)) }
        for (key, action) in entries where !direction.allowedActions.contains(action) {
            throw GuardrailPolicyError("\(key): \(Self.refused(action, direction).message)")
        }
    }

    static func refused(_ action: GuardrailAction, _ direction: GuardrailDirection) -> GuardrailPolicyError {
        let allowed = direction.allowedActions.map(\.rawValue).joined(separator: ", ")
        let why = direction == .output ? ": an answer already produced cannot be refused, it can be masked" : ""
        return GuardrailPolicyError("\(action.rawValue) is not possible on \(direction.rawValue)\(why) (use \(allowed))")
    }
}
