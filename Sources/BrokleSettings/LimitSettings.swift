import Foundation

/// How the gateway enforces limits, budgets and plan quotas (`BROKLE_LIMIT_*`); the limits
/// themselves are in the database (`brokle limits`, `brokle budgets`) and the plan table in brokle.yaml.
package struct LimitSettings: Sendable {
    /// The share of a limit an instance takes from the database at once (its slice): the most
    /// capacity one instance can strand, and how often it goes back for more.
    package var sliceFraction = 0.05
    /// How long an instance's hold on budgets, quotas and slots lasts unless renewed (renewed
    /// every `leaseTTL / 3`): a crashed instance's reservations are given back within this.
    package var leaseTTL: TimeInterval = 15
    /// Output tokens reserved for a request that does not say (`max_tokens`), and the most reserved
    /// for one that does: settled to the real count when the answer ends.
    package var outputEstimate = 1024
    /// Longest a take from the database may wait on the request path.
    package var timeout: TimeInterval = 1
    /// How often limits and budgets are read again (changes apply within it).
    package var refresh: TimeInterval = 10
    /// Capacity unused this long goes back to the shared counters, for other instances.
    package var idleReturn: TimeInterval = 2
    /// The time limits are taken at (tests move it to another period instead of waiting for one).
    package var clock: @Sendable () -> Date = { Date() }

    package init() {}
}
