import BrokleCore
import Foundation

extension ConfigLoader {
    /// `BROKLE_UI` (on or off) and `BROKLE_UI_SESSION_TTL` (a duration such as `12h`).
    func dashboard(_ sources: ConfigSources) throws(BrokleError) -> DashboardSettings {
        var settings = DashboardSettings()
        if let text = sources.nonEmpty("brokle.ui") {
            switch text.lowercased() {
            case "on", "true", "1": settings.enabled = true
            case "off", "false", "0": settings.enabled = false
            default: throw BrokleError(.config, "BROKLE_UI is invalid: '\(text)'", hint: "use on or off")
            }
        }
        if let text = sources.nonEmpty("brokle.ui.session.ttl") {
            let seconds = try DurationText.seconds(text, what: "BROKLE_UI_SESSION_TTL")
            guard (60...(30 * 86_400)).contains(seconds) else {
                throw BrokleError(.config, "BROKLE_UI_SESSION_TTL must be from 1m to 30d: '\(text)'")
            }
            settings.sessionLifetime = seconds
        }
        return settings
    }
}

extension ConfigLoader {
    /// Where people reach the dashboard, for the links `brokle ui link` prints: `BROKLE_UI_URL`, else
    /// `http://HOST:PORT` from `BROKLE_HOST`/`BROKLE_PORT` (a wildcard host as 127.0.0.1).
    package func dashboardURL(_ flags: Flags) throws(BrokleError) -> String {
        let sources = try sources(flags)
        if let url = sources.nonEmpty("brokle.ui.url") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw BrokleError(
                    .config, "BROKLE_UI_URL is invalid: '\(url)'", hint: "use http(s)://host[:port], where people reach the proxy")
            }
            return url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        var host = sources.reader.string(forKey: "brokle.host", default: "127.0.0.1")
        if host == "0.0.0.0" || host == "::" || host.isEmpty { host = "127.0.0.1" }
        if host.contains(":") { host = "[\(host)]" }
        let port = sources.reader.string(forKey: "brokle.port", default: "8080")
        return "http://\(host):\(port)"
    }
}
