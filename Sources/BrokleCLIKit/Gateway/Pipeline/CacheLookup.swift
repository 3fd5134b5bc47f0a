/// The cache stage, between admission and routing: an answer stored for the same request would be
/// served from here without an upstream call. A pass-through until the response cache lands, so
/// every request misses; the stage exists so the cache plugs in without reshaping the handler.
struct CacheLookup: Sendable {
    enum Result: Sendable {
        /// No stored answer: route and attempt.
        case miss
    }

    func lookup(_ request: InboundRequest, key: KeyContext) -> Result {
        .miss
    }
}
