import BrokleCore
import Foundation

/// Renders rows as a left-aligned text table with an upper-case header.
enum TableRenderer {
    static func render(columns: [String], rows: [[String]]) -> [String] {
        let header = columns.map { $0.uppercased() }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }

    /// The text of one JSON value in a cell: strings bare, null as "-", nested values as JSON.
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "-"
        case .string(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        case .int(let number)?: String(number)
        case .double(let number)?: plain(number)
        case let nested?: (try? JSONLines.line(nested)) ?? "?"
        }
    }

    /// A number in positional notation: small amounts of money read `0.000000721`, not `7.21e-07`.
    static func plain(_ number: Double) -> String {
        let text = String(number)
        guard text.contains("e"), number.isFinite else { return text }
        var fixed = String(format: "%.12f", number)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }
}
