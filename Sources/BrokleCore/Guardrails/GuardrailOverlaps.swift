/// Turns the scanners' findings, which may overlap (a number both a phone and an SSN shape, a key
/// also a `token=` value), into the ordered, disjoint list the detector returns.
enum GuardrailOverlaps {
    /// Sorted by start; of overlapping findings the surer is kept, then the longer, then the first.
    ///
    /// Findings are swept in order of start into clusters of transitively overlapping ones; a
    /// cluster of one (the usual case) is kept as it is, a larger one is settled greedily by rank.
    static func resolve(_ findings: [GuardrailFinding]) -> [GuardrailFinding] {
        guard findings.count > 1 else { return findings }
        let sorted = findings.sorted { a, b in
            a.range.lowerBound != b.range.lowerBound ? a.range.lowerBound < b.range.lowerBound : a.range.upperBound < b.range.upperBound
        }
        var result: [GuardrailFinding] = []
        result.reserveCapacity(sorted.count)
        var cluster: [GuardrailFinding] = []
        var clusterEnd = 0
        for finding in sorted {
            if !cluster.isEmpty, finding.range.lowerBound >= clusterEnd {
                settle(&cluster, into: &result)
            }
            cluster.append(finding)
            clusterEnd = max(clusterEnd, finding.range.upperBound)
        }
        settle(&cluster, into: &result)
        return result
    }

    /// Keeps the best of a cluster by rank, each one if it overlaps none kept before it. A small
    /// cluster compares pairs; a large one (a long chain of overlaps in hostile text) marks the
    /// bytes kept findings cover, so the work is the findings' total length: linear, as each
    /// scanner's own findings barely overlap.
    private static func settle(_ cluster: inout [GuardrailFinding], into result: inout [GuardrailFinding]) {
        defer { cluster.removeAll(keepingCapacity: true) }
        guard cluster.count > 1 else {
            result += cluster
            return
        }
        let ranked = cluster.sorted { a, b in
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            return a.range.lowerBound < b.range.lowerBound
        }
        var kept: [GuardrailFinding] = []
        if cluster.count <= 16 {
            for finding in ranked where !kept.contains(where: { $0.range.overlaps(finding.range) }) {
                kept.append(finding)
            }
        } else {
            let base = cluster[0].range.lowerBound
            let span = cluster.reduce(0) { max($0, $1.range.upperBound) } - base
            var covered = [Bool](repeating: false, count: span)
            for finding in ranked {
                let range = (finding.range.lowerBound - base)..<(finding.range.upperBound - base)
                guard !covered[range].contains(true) else { continue }
                for index in range { covered[index] = true }
                kept.append(finding)
            }
        }
        result += kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
