/// What guardrails did to one request: how many values of each entity met each action, per
/// direction. Never the values. Read by the `x-brokle-guardrails` header, the trace's
/// `guardrails` field and `brokle_guardrail_findings_total`.
package struct GuardrailTally: Sendable, Equatable {
    package struct Key: Hashable, Sendable, Comparable {
        package var direction: GuardrailDirection
        package var entity: GuardrailEntity
        package var action: GuardrailAction

        package static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.direction, lhs.entity.name, lhs.action.rawValue) < (rhs.direction, rhs.entity.name, rhs.action.rawValue)
        }
    }

    package private(set) var counts: [Key: Int] = [:]

    package init() {}

    package var isEmpty: Bool { counts.isEmpty }

    package mutating func add(_ direction: GuardrailDirection, _ entity: GuardrailEntity, _ action: GuardrailAction, count: Int = 1) {
        counts[Key(direction: direction, entity: entity, action: action), default: 0] += count
    }

    package mutating func add(_ other: GuardrailTally) {
        for (key, count) in other.counts { counts[key, default: 0] += count }
    }

    /// The entries in a stable order.
    package var sorted: [(key: Key, count: Int)] { counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// `input.email.mask=2, input.card.block=1` — the `x-brokle-guardrails` header's value.
    package var headerText: String {
        sorted.map { "\($0.key.direction.rawValue).\($0.key.entity.name).\($0.key.action.rawValue)=\($0.count)" }.joined(separator: ", ")
    }

    /// `[{"direction":"input","entity":"email","action":"mask","count":2}]` — what a trace keeps.
    package var jsonText: String {
        let items = sorted.map {
            #"{"direction":"\#($0.key.direction.rawValue)","entity":"\#($0.key.entity.name)","action":"\#($0.key.action.rawValue)","count":\#($0.count)}"#
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}
