/// What a scope may use per minute and at once: requests, tokens, concurrent requests. Nil: no
/// limit of that kind (or, in a change, "leave it as it is").
package struct RateLimits: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, CaseIterable, Codable {
        case rpm, tpm, concurrency
    }

    package var rpm: Int?
    package var tpm: Int?
    package var concurrency: Int?

    package init(rpm: Int? = nil, tpm: Int? = nil, concurrency: Int? = nil) {
        self.rpm = rpm
        self.tpm = tpm
        self.concurrency = concurrency
    }

    package subscript(kind: Kind) -> Int? {
        get {
            switch kind {
            case .rpm: rpm
            case .tpm: tpm
            case .concurrency: concurrency
            }
        }
        set {
            switch kind {
            case .rpm: rpm = newValue
            case .tpm: tpm = newValue
            case .concurrency: concurrency = newValue
            }
        }
    }

    /// No kind is set.
    package var isEmpty: Bool { Kind.allCases.allSatisfy { self[$0] == nil } }

    /// Only the kinds in `kinds`; the others nil.
    package func only(_ kinds: Set<Kind>) -> RateLimits {
        var kept = RateLimits()
        for kind in kinds { kept[kind] = self[kind] }
        return kept
    }
}
