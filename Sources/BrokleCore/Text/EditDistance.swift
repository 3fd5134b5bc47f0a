/// Levenshtein distance between short names, for "did you mean …?" hints on mistyped keys and flags.
package enum EditDistance {
    /// Insertions, deletions and substitutions turning `a` into `b` (by Unicode scalar).
    package static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `name`, if it is near enough to be what was meant: at most a third of
    /// the name's length away (and at least 1, at most 3 edits). Ties go to the earliest candidate.
    package static func nearest(to name: String, in candidates: [String]) -> String? {
        let limit = min(3, max(1, name.unicodeScalars.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = between(name.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }
}
