/// A row a command prints: encoded as one JSON object per line, or as a table row.
public protocol OutputRow: Encodable {
    /// Column order for `--format table` (JSON keys, snake_case).
    static var columns: [String] { get }
    /// The columns of this row, when they depend on the row (grouped reports); `Self.columns` by default.
    var tableColumns: [String] { get }
}

extension OutputRow {
    public var tableColumns: [String] { Self.columns }
}

/// The encoder behind every JSON line Brokle prints: snake_case keys come from the row types,
/// keys are sorted so output is stable, dates are RFC 3339 UTC.
enum JSONLines {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        return encoder
    }()

    static func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

import Foundation
