import BrokleCore
import BrokleSettings
import ArgumentParser

/// `--content off|redacted|full`, `--trace-retention D`, `--content-retention D`: the fields of a
/// logging policy that `logging set` changes; those not given keep their stored value.
struct LoggingPolicyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep request and answer content: off, redacted (masked first) or full.", valueName: "mode"))
    var content: String?
    @Option(
        help: ArgumentHelp("How long traces are kept (30d, 12h, or forever); organizations only.", valueName: "duration"))
    var traceRetention: String?
    @Option(
        help: ArgumentHelp("How long captured content is kept (7d, or forever); organizations only.", valueName: "duration"))
    var contentRetention: String?

    var givesRetention: Bool { traceRetention != nil || contentRetention != nil }

    /// The change these options make. A retention of `forever` is stored as 0 seconds (nil in a
    /// policy defers to the wider scope, then to the default).
    func change() throws(BrokleError) -> LoggingPolicy {
        var change = LoggingPolicy()
        if let content {
            guard let mode = ContentCapture(rawValue: content.lowercased()) else {
                throw BrokleError(.usage, "--content must be off, redacted or full, not '\(content)'")
            }
            change.content = mode
        }
        if let traceRetention { change.traceRetentionSeconds = try Self.seconds(traceRetention, flag: "--trace-retention") }
        if let contentRetention { change.contentRetentionSeconds = try Self.seconds(contentRetention, flag: "--content-retention") }
        return change
    }

    static func seconds(_ text: String, flag: String) throws(BrokleError) -> Int {
        do {
            return try RequestLogSettings.retention(text, what: flag).map { Int($0) } ?? 0
        } catch {
            throw BrokleError(.usage, error.message, hint: "a duration such as 30d, 12h or 90m, or forever")
        }
    }
}
