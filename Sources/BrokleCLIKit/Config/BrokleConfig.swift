import Logging

/// Everything a command needs to know about its environment, read once at start
/// (flags > environment > `.env` > defaults), validated, and passed down. Nothing deeper in the
/// code reads the environment.
public struct BrokleConfig: Sendable {
    public var databaseURL: DatabaseURL
    public var format: OutputFormat
    public var logLevel: Logger.Level

    public init(databaseURL: DatabaseURL, format: OutputFormat = .jsonl, logLevel: Logger.Level = .info) {
        self.databaseURL = databaseURL
        self.format = format
        self.logLevel = logLevel
    }
}

/// How rows are printed on stdout.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (the default; what scripts read).
    case jsonl
    /// An aligned text table for people.
    case table
}
