/// Whether a request's content — what the client asked and what it was answered — is kept with its
/// trace: not at all, masked by the guardrails detector before it is stored, or as it was.
package enum ContentCapture: String, Sendable, Codable, CaseIterable, Equatable {
    case off, redacted, full

    /// Parses `off|redacted|full` (also `none`/`false`/`0` and `on`/`true`/`1`, as environment
    /// variables are written), or nil.
    package init?(text: String) {
        switch text.lowercased() {
        case "off", "none", "false", "0", "no": self = .off
        case "redacted", "redact", "masked": self = .redacted
        case "full", "on", "true", "1", "yes": self = .full
        default: return nil
        }
    }
}
