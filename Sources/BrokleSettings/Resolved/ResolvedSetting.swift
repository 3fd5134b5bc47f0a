/// One setting as `brokle config check` prints it: its name (an environment variable such as
/// `BROKLE_PORT`, or a dotted brokle.yaml path such as `models.smart.retries`), the value the
/// gateway would run with (secrets as `***`), and where that value came from: `flag`,
/// `environment`, `.env`, the brokle.yaml's name, or `default`.
package struct ResolvedSetting: Sendable, Equatable {
    package var setting: String
    package var value: String
    package var source: String

    package init(setting: String, value: String, source: String) {
        self.setting = setting
        self.value = value
        self.source = source
    }

    /// What a secret's value is shown as.
    package static let hidden = "***"

    /// A number of seconds (or any amount) as people write it: `30`, `0.25`.
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
