/// A row a command prints: encoded as one JSON object per line, or as a table row.
package protocol OutputRow: Encodable {
    /// Column order for `--format table` (JSON keys, snake_case).
    static var columns: [String] { get }
    /// The columns of this row, when they depend on the row (grouped reports); `Self.columns` by default.
    var tableColumns: [String] { get }
}

extension OutputRow {
    package var tableColumns: [String] { Self.columns }
}
