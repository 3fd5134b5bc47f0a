/// One direction's rules applied to text: the detector finds the values, each meets its entity's
/// action — `block` refuses the request, `mask` replaces the value with its placeholder, `log`
/// lets it through — and the tally counts them all.
package struct GuardrailScreen: Sendable {
    package let detector: GuardrailDetector
    package let rules: GuardrailRules
    package let direction: GuardrailDirection
    /// The entities worth looking for (those whose action is not `off`); nil: every entity.
    private let only: Set<GuardrailEntity>?

    /// A request holding a value of an entity whose action is `block` (the first such, by offset).
    package struct Blocked: Error, Equatable {
        package var entity: GuardrailEntity
    }

    package init(detector: GuardrailDetector, rules: GuardrailRules, direction: GuardrailDirection) {
        self.detector = detector
        self.rules = rules
        self.direction = direction
        only = (rules.fallback ?? .off) == .off ? Set(rules.actions.filter { $0.value != .off }.keys) : nil
    }

    /// No entity's action does anything.
    package var isOff: Bool { only?.isEmpty ?? false }

    /// The values in `text` whose action is not `off`.
    package func findings(in text: String) -> [GuardrailFinding] {
        guard !isOff else { return [] }
        return detector.findings(in: text, only: only).filter { rules.action(for: $0.entity) != .off }
    }

    /// `text` with its values masked, or nil when nothing was masked; counts every value met.
    /// Throws ``Blocked`` (after counting) when one is to be blocked.
    package func apply(_ text: String, masker: inout GuardrailMasker, tally: inout GuardrailTally) throws(Blocked) -> String? {
        let found = findings(in: text)
        guard !found.isEmpty else { return nil }
        var blocked: GuardrailEntity?
        for finding in found where rules.action(for: finding.entity) == .block && direction == .input {
            blocked = blocked ?? finding.entity
            tally.add(direction, finding.entity, .block)
        }
        if let blocked { throw Blocked(entity: blocked) }
        return apply(text, findings: found, masker: &masker, tally: &tally)
    }

    /// `text` with `findings` (from ``findings(in:)``, in order) met by their actions; nil when
    /// none was masked. On output, `block` masks: an answer already made can only be hidden.
    package func apply(_ text: String, findings: [GuardrailFinding], masker: inout GuardrailMasker, tally: inout GuardrailTally) -> String?
    {
        GuardrailFinding.replacing(findings, in: text) { finding, value in
            let action = rules.action(for: finding.entity)
            guard action == .mask || (action == .block && direction == .output) else {
                if action == .log { tally.add(direction, finding.entity, .log) }
                return nil
            }
            tally.add(direction, finding.entity, .mask)
            return masker.placeholder(for: value, entity: finding.entity, restorable: direction == .input)
        }
    }
}
