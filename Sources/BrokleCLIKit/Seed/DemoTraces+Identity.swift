import BrokleCore

extension DemoTraces {
    static let demoTags = ["chat", "search", "summarize", "beta", "internal"]

    /// Who and what demo trace `index` was for, so the identity filters and groupings have something to
    /// show: two in three name an end user (one of 500), one in three belongs to a conversation of
    /// four turns, some carry one or two tags and some metadata. Drawn from a stream of its own, so the
    /// other fields of a trace are what they were before traces had identities.
    func identified(_ trace: TraceRecord, _ index: Int) -> TraceRecord {
        var trace = trace
        var random = SeededRandom(
            seed: UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 ^ SeededRandom.seed(profile + "/identity"))
        if random.unit() < 0.67 { trace.endUser = "user-\(random.next() % 500)" }
        if (index / 4) % 3 == 0 { trace.sessionID = "sess-\(profile)-\(index / 4)" }
        let tagRoll = random.unit()
        if tagRoll < 0.4 {
            let first = Self.demoTags[Int(random.next() % UInt64(Self.demoTags.count))]
            let second = Self.demoTags[Int(random.next() % UInt64(Self.demoTags.count))]
            trace.tags = tagRoll < 0.1 && second != first ? [first, second] : [first]
        }
        if random.unit() < 0.25 {
            let plan = random.unit() < 0.3 ? "pro" : "free"
            let region = random.unit() < 0.5 ? "eu" : "us"
            trace.metadata = #"{"plan":"\#(plan)","region":"\#(region)","ab":\#(random.next() % 3)}"#
        }
        return trace
    }
}
