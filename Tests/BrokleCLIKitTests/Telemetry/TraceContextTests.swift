@testable import BrokleCore
import Testing

/// W3C trace context as the gateway reads and writes it, and the samplers' decisions.
struct TraceContextTests {
    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test func aTraceparentIsReadIntoItsParts() throws {
        let parts = try #require(TraceContext.parse(traceparent: Self.valid))
        #expect(parts.traceHigh == 0x4bf9_2f35_77b3_4da6 && parts.traceLow == 0xa3ce_929d_0e0e_4736)
        #expect(parts.parent == 0x00f0_67aa_0ba9_02b7)
        #expect(parts.sampled)
        #expect(TraceContext.parse(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")?.sampled == false)
        // A later version is read by its first four fields.
        #expect(TraceContext.parse(traceparent: "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later")?.sampled == true)
    }

    @Test(arguments: [
        "", "00", "garbage-garbage-garbage-garbage-garbage-garbage-garbage!",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper case
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero parent
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version ff
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",  // version 00 has no more fields
        "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",  // dashes in the wrong places
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
    ])
    func anInvalidTraceparentIsIgnored(_ text: String) {
        #expect(TraceContext.parse(traceparent: text) == nil)
    }

    @Test func eachAttemptHasItsOwnSpanInTheCallersTraceAndSaysSo() throws {
        let parts = try #require(TraceContext.parse(traceparent: Self.valid))
        let context = TraceContext(
            traceHigh: parts.traceHigh, traceLow: parts.traceLow, spanID: 42, parentSpanID: parts.parent, sampled: true, traceState: nil)
        let attempts = (1...64).map { context.attemptSpanID($0) }
        #expect(Set(attempts).count == 64 && !attempts.contains(0) && !attempts.contains(42))
        let header = context.traceparent(span: attempts[0])
        #expect(header.hasPrefix("00-4bf92f3577b34da6a3ce929d0e0e4736-") && header.hasSuffix("-01") && header.utf8.count == 55)
        let read = try #require(TraceContext.parse(traceparent: header))
        #expect(read.parent == attempts[0] && read.traceHigh == parts.traceHigh && read.traceLow == parts.traceLow)
        var unsampled = context
        unsampled.sampled = false
        #expect(unsampled.traceparent(span: 7) == "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000007-00")
    }

    @Test func samplersFollowTheCallerOrTheRatio() {
        let low: UInt64 = 1 << 62  // a quarter of the way through the trace id space
        #expect(TraceSampler.parentBasedAlwaysOn.sampled(parentSampled: nil, traceLow: low, ratio: 1))
        #expect(!TraceSampler.parentBasedAlwaysOn.sampled(parentSampled: false, traceLow: low, ratio: 1))
        #expect(TraceSampler.parentBasedAlwaysOff.sampled(parentSampled: true, traceLow: low, ratio: 1))
        #expect(!TraceSampler.parentBasedAlwaysOff.sampled(parentSampled: nil, traceLow: low, ratio: 1))
        #expect(TraceSampler.alwaysOn.sampled(parentSampled: false, traceLow: low, ratio: 0))
        #expect(!TraceSampler.alwaysOff.sampled(parentSampled: true, traceLow: low, ratio: 1))
        #expect(TraceSampler.traceIDRatio.sampled(parentSampled: false, traceLow: low, ratio: 0.3))
        #expect(!TraceSampler.traceIDRatio.sampled(parentSampled: true, traceLow: low, ratio: 0.2))
        #expect(!TraceSampler.traceIDRatio.sampled(parentSampled: nil, traceLow: 0, ratio: 0))
        #expect(TraceSampler.parentBasedTraceIDRatio.sampled(parentSampled: nil, traceLow: low, ratio: 0.3))
        #expect(!TraceSampler.parentBasedTraceIDRatio.sampled(parentSampled: false, traceLow: 0, ratio: 1))
        // About the ratio asked for, over many trace ids.
        var random = SeededRandom(seed: 7)
        let sampled = (0..<10_000).filter { _ in TraceSampler.traceIDRatio.sampled(parentSampled: nil, traceLow: random.next(), ratio: 0.25)
        }
        #expect((2_300...2_700).contains(sampled.count))
    }
}
