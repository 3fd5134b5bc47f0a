import BrokleCore
import Foundation

extension ConfigLoader {
    /// The request-log settings alone, for commands that need no gateway (`brokle trace prune`).
    package func requestLogs(_ flags: Flags) throws(BrokleError) -> RequestLogSettings {
        try requestLogs(try sources(flags))
    }

    /// `BROKLE_LOG_CONTENT`, `BROKLE_LOG_CONTENT_MAX_BYTES`, `BROKLE_TRACE_RETENTION`,
    /// `BROKLE_CONTENT_RETENTION` and `BROKLE_PRUNE_INTERVAL` (flags, environment or `.env`).
    func requestLogs(_ sources: ConfigSources) throws(BrokleError) -> RequestLogSettings {
        var settings = RequestLogSettings()
        if let text = sources.nonEmpty("brokle.log.content") {
            guard let content = ContentCapture(text: text) else {
                throw BrokleError(.config, "BROKLE_LOG_CONTENT is invalid: '\(text)'", hint: "use off, redacted or full")
            }
            settings.content = content
        }
        if let text = sources.nonEmpty("brokle.log.content.max.bytes") {
            guard let bytes = Int(text), (256...16_777_216).contains(bytes) else {
                throw BrokleError(
                    .config, "BROKLE_LOG_CONTENT_MAX_BYTES is invalid: '\(text)'", hint: "use a number of bytes from 256 to 16777216")
            }
            settings.contentMaxBytes = bytes
        }
        if let text = sources.nonEmpty("brokle.trace.retention") {
            settings.traceRetention = try RequestLogSettings.retention(text, what: "BROKLE_TRACE_RETENTION")
        }
        if let text = sources.nonEmpty("brokle.content.retention") {
            settings.contentRetention = try RequestLogSettings.retention(text, what: "BROKLE_CONTENT_RETENTION")
        }
        if let text = sources.nonEmpty("brokle.prune.interval") {
            let seconds = try DurationText.seconds(text, what: "BROKLE_PRUNE_INTERVAL")
            guard seconds >= 1 else { throw BrokleError(.config, "BROKLE_PRUNE_INTERVAL must be at least 1s: '\(text)'") }
            settings.pruneInterval = seconds
        }
        return settings
    }
}
