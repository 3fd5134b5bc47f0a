/// The OpenTelemetry SDK's samplers (`OTEL_TRACES_SAMPLER`), decided once per request when its
/// trace context is made: whether its spans are recorded, and the `sampled` flag it passes on.
package enum TraceSampler: String, Sendable, CaseIterable {
    case alwaysOn = "always_on"
    case alwaysOff = "always_off"
    case traceIDRatio = "traceidratio"
    case parentBasedAlwaysOn = "parentbased_always_on"
    case parentBasedAlwaysOff = "parentbased_always_off"
    case parentBasedTraceIDRatio = "parentbased_traceidratio"

    /// Whether a request is sampled: `parentSampled` is the caller's flag (nil when it sent no
    /// `traceparent`); `traceLow` the low half of the trace id, which the ratio samplers compare
    /// with `ratio` × 2⁶⁴, so every participant with the same ratio decides the same way.
    package func sampled(parentSampled: Bool?, traceLow: UInt64, ratio: Double) -> Bool {
        switch self {
        case .alwaysOn: return true
        case .alwaysOff: return false
        case .traceIDRatio: return Self.below(traceLow, ratio: ratio)
        case .parentBasedAlwaysOn: return parentSampled ?? true
        case .parentBasedAlwaysOff: return parentSampled ?? false
        case .parentBasedTraceIDRatio: return parentSampled ?? Self.below(traceLow, ratio: ratio)
        }
    }

    private static func below(_ value: UInt64, ratio: Double) -> Bool {
        if ratio >= 1 { return true }
        if ratio <= 0 { return false }
        return value < UInt64(ratio * 18_446_744_073_709_551_616.0)
    }
}
