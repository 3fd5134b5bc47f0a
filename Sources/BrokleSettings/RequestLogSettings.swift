import BrokleCore
import Foundation

/// What the gateway keeps of each request beyond its metadata, and for how long: the default content
/// capture (`BROKLE_LOG_CONTENT`, overridden per scope by `brokle logging set`), the cap on each
/// side of captured content, and the two retention clocks the proxy enforces in the background
/// (`brokle trace prune` enforces them on demand).
package struct RequestLogSettings: Sendable, Equatable {
    /// `BROKLE_LOG_CONTENT`: off, redacted or full. Off unless asked for: prompts are personal data.
    package var content: ContentCapture = .off
    /// `BROKLE_LOG_CONTENT_MAX_BYTES`: the most bytes kept of a request, and of its answer.
    package var contentMaxBytes = 32_768
    /// `BROKLE_TRACE_RETENTION`: traces (metadata and attempts) older than this are pruned; nil keeps them forever.
    package var traceRetention: TimeInterval? = 30 * 86_400
    /// `BROKLE_CONTENT_RETENTION`: captured content older than this is pruned; nil keeps it as long as its trace.
    package var contentRetention: TimeInterval? = 7 * 86_400
    /// `BROKLE_PRUNE_INTERVAL`: how often the proxy prunes.
    package var pruneInterval: TimeInterval = 600

    package init() {}

    /// A retention as written in the environment: a duration (`30d`, `12h`), or `0`/`forever`/`off`
    /// for none (kept until pruned by hand).
    package static func retention(_ text: String, what: String) throws(BrokleError) -> TimeInterval? {
        switch text.lowercased() {
        case "0", "forever", "off", "none", "never": return nil
        default:
            let seconds = try DurationText.seconds(text, what: what)
            guard seconds >= 60 else { throw BrokleError(.config, "\(what) must be at least a minute: '\(text)'") }
            return seconds
        }
    }
}
