import BrokleCore
import BrokleStorage
import Foundation
import Synchronization

/// Budgets crossing 80 % and 100 % of their period (settled spend plus what instances hold), for
/// the dashboard's live events: looked at every few seconds, only for organizations with a page
/// open. A budget's first look sets its level without an event; a jump crosses every threshold on
/// the way (0 → 100 says 80 and 100); a new period starts again from zero.
final class BudgetWatch: Sendable {
    static let thresholds = [80, 100]
    private let store: BudgetStore
    /// The level (0, 80, 100) last seen per budget and period.
    private let levels = Mutex<[String: Int]>([:])

    init(store: BudgetStore) {
        self.store = store
    }

    /// The crossings since the last look, as (organization id, event text); none when the database
    /// does not answer (the next look catches up).
    func crossings(organizations: Set<String>) async -> [(organization: String, event: String)] {
        var events: [(String, String)] = []
        for organization in organizations.sorted() {
            guard let entries = try? await store.list(organizationID: organization),
                let usages = try? await store.usage(of: entries)
            else { continue }
            for (entry, usage) in zip(entries, usages) {
                guard let usage, entry.budget.limitNanoUSD > 0 else { continue }  // per user: each end user has its own
                let used = usage.spentNanoUSD + usage.reservedNanoUSD
                let percent = Int((Double(used) * 100 / Double(entry.budget.limitNanoUSD)).rounded(.down))
                let level = Self.thresholds.last { percent >= $0 } ?? 0
                let key =
                    "\(entry.budget.scope.kind.rawValue):\(entry.budget.scope.id):\(entry.budget.period.rawValue):\(usage.periodStart.timeIntervalSince1970)"
                let previous = levels.withLock { levels in
                    defer { levels[key] = level }
                    return levels[key]
                }
                guard let previous else { continue }
                for threshold in Self.thresholds where previous < threshold && level >= threshold {
                    let scope = String(decoding: JSONScanner.encodeString(entry.path.text), as: UTF8.self)
                    events.append(
                        (
                            organization,
                            DashboardEvents.event(
                                "budget",
                                #"{"scope":\#(scope),"period":"\#(entry.budget.period.rawValue)","percent":\#(threshold),"used_usd":\#(CostCalculator.usd(nano: used)),"limit_usd":\#(CostCalculator.usd(nano: entry.budget.limitNanoUSD))}"#
                            )
                        ))
                }
            }
        }
        return events
    }
}
