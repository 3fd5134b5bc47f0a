/// A duration as the whole numbers and fractions that metrics, logs and NIO's timers take.
extension Duration {
    package var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    package var milliseconds: Double { Double(nanoseconds) / 1_000_000 }

    package var seconds: Double { Double(nanoseconds) / 1_000_000_000 }
}
