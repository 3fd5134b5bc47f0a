/// The generic cell rate algorithm over one shared theoretical arrival time (TAT, µs): a limit of
/// `perMinute` units admits at most `perMinute` at once, then one unit every 60 s / `perMinute` —
/// a steady rate with no double burst at a window's edge. Instances take units in slices: taking
/// `n` moves the TAT forward by `n` intervals; giving unused units back moves it back.
package struct GCRA: Sendable, Equatable {
    package static let window: Int64 = 60_000_000

    package let perMinute: Int64

    package init(perMinute: Int64) {
        self.perMinute = max(1, perMinute)
    }

    /// Microseconds per unit.
    package var interval: Double { Double(Self.window) / Double(perMinute) }

    /// How many of `wanted` units can be taken at `now` from `tat` (all of them, or as many as fit
    /// when `partial`), and the TAT after taking them. Zero when none fit.
    package func take(_ wanted: Int64, tat: Int64, now: Int64, partial: Bool) -> (granted: Int64, tat: Int64) {
        let start = max(tat, now)
        let room = Double(now + Self.window - start) / interval
        let fits = max(0, Int64(room.rounded(.down)))
        let granted = partial ? min(wanted, fits) : (wanted <= fits ? wanted : 0)
        return (granted, start + Int64((Double(granted) * interval).rounded(.up)))
    }

    /// The TAT after giving back `unused` units, never before `now`.
    package func giveBack(_ unused: Int64, tat: Int64, now: Int64) -> Int64 {
        max(now, tat - Int64((Double(unused) * interval).rounded(.down)))
    }

    /// Units free at `now`.
    package func remaining(tat: Int64, now: Int64) -> Int64 {
        max(0, Int64((Double(now + Self.window - max(tat, now)) / interval).rounded(.down)))
    }

    /// How long until `units` are free at `now` (µs; zero when they are).
    package func wait(for units: Int64, tat: Int64, now: Int64) -> Int64 {
        let needed = max(tat, now) + Int64((Double(units) * interval).rounded(.up)) - Self.window
        return max(0, needed - now)
    }
}
