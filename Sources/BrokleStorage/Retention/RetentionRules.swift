import BrokleCore
import Foundation

/// How long traces and their captured content are kept: the gateway's defaults
/// (`BROKLE_TRACE_RETENTION`, `BROKLE_CONTENT_RETENTION`; nil keeps forever) and each organization's
/// own (`logging_policies` rows of scope `organization`), where a field left nil defers to the default
/// and 0 keeps forever (`brokle logging set --org O --trace-retention forever`).
package struct RetentionRules: Sendable, Equatable {
    package var traceRetention: TimeInterval?
    package var contentRetention: TimeInterval?
    /// Organizations with a retention of their own on either clock, by organization id.
    package var organizations: [String: LoggingPolicy]

    package init(traceRetention: TimeInterval?, contentRetention: TimeInterval?, organizations: [String: LoggingPolicy] = [:]) {
        self.traceRetention = traceRetention
        self.contentRetention = contentRetention
        self.organizations = organizations
    }

    /// Where the cuts fall at `now`. Content never outlives its trace: where the trace's clock is
    /// the shorter, content goes with the trace.
    package func cuts(now: Date) -> PruneCuts {
        func cut(_ seconds: TimeInterval?) -> Date? { seconds.map { now.addingTimeInterval(-$0) } }
        func contentCut(trace: TimeInterval?, content: TimeInterval?) -> Date? {
            cut([trace, content].compactMap { $0 }.min())
        }
        var traces = PruneCut(everyone: cut(traceRetention))
        var contents = PruneCut(everyone: contentCut(trace: traceRetention, content: contentRetention))
        /// An organization's own retention: nil defers to the default, 0 keeps forever.
        func own(_ seconds: Int?, default value: TimeInterval?) -> TimeInterval? {
            guard let seconds else { return value }
            return seconds > 0 ? TimeInterval(seconds) : nil
        }
        for (id, policy) in organizations.sorted(by: { $0.key < $1.key }) {
            let trace = own(policy.traceRetentionSeconds, default: traceRetention)
            let content = own(policy.contentRetentionSeconds, default: contentRetention)
            if policy.traceRetentionSeconds != nil { traces.organizations.append(.init(id: id, before: cut(trace))) }
            if policy.traceRetentionSeconds != nil || policy.contentRetentionSeconds != nil {
                contents.organizations.append(.init(id: id, before: contentCut(trace: trace, content: content)))
            }
        }
        return PruneCuts(traces: traces, contents: contents)
    }
}

/// The cuts of both clocks: traces (with their attempts) and captured content.
package struct PruneCuts: Sendable, Equatable {
    package var traces: PruneCut
    package var contents: PruneCut

    package init(traces: PruneCut, contents: PruneCut) {
        self.traces = traces
        self.contents = contents
    }

    /// One cut for everything (`brokle trace prune --older-than`); with `contentOnly`, traces stay.
    package static func uniform(before cut: Date, contentOnly: Bool = false) -> PruneCuts {
        PruneCuts(traces: PruneCut(everyone: contentOnly ? nil : cut), contents: PruneCut(everyone: cut))
    }
}

/// Where one table's rows are cut: a row started before its organization's cut goes.
package struct PruneCut: Sendable, Equatable {
    /// One organization's own cut; nil keeps its rows.
    package struct Organization: Sendable, Equatable {
        package var id: String
        package var before: Date?
    }

    /// The cut of every organization not listed in ``organizations``; nil keeps their rows.
    package var everyone: Date?
    package var organizations: [Organization] = []

    package init(everyone: Date?, organizations: [Organization] = []) {
        self.everyone = everyone
        self.organizations = organizations
    }

    /// Before this, every row is past its cut, whatever its organization (a whole day before it can
    /// be dropped at once); nil when some organization keeps its rows forever.
    package var everyRowBefore: Date? {
        var oldest = everyone
        for organization in organizations {
            guard let before = organization.before, let current = oldest else { return nil }
            oldest = min(current, before)
        }
        return oldest
    }

    /// The deletions this cut asks for, each a set of organizations and its cut.
    var rules: [PruneRule] {
        var rules = organizations.compactMap { organization in
            organization.before.map { PruneRule(organizations: .only(organization.id), before: $0) }
        }
        if let everyone { rules.append(PruneRule(organizations: .except(organizations.map(\.id)), before: everyone)) }
        return rules
    }
}

/// Rows of some organizations started before a time.
struct PruneRule: Sendable, Equatable {
    enum Organizations: Sendable, Equatable {
        case only(String)
        case except([String])
    }

    var organizations: Organizations
    var before: Date
}

extension RetentionRules {
    /// These rules on the content clock alone: traces are kept (`--content-only`).
    package var contentOnly: RetentionRules {
        var rules = self
        rules.traceRetention = nil
        for id in rules.organizations.keys { rules.organizations[id]?.traceRetentionSeconds = nil }
        return rules
    }
}
