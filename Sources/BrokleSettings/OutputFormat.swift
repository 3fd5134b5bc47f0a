/// How rows are printed on stdout.
package enum OutputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (the default; what scripts read).
    case jsonl
    /// An aligned text table for people.
    case table
}
