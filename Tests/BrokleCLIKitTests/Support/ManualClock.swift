import Foundation

/// A settable clock: the limiter's calendar, the circuit breakers' seconds. Tests move it instead
/// of sleeping until a period or a cooldown has passed.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
    /// `now` in seconds since 1970, for clocks that count seconds.
    var seconds: Double { now.timeIntervalSince1970 }
}
