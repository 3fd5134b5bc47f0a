import BrokleCore
import BrokleSettings
import Foundation

/// Prints a command's rows on stdout: each JSON line as soon as it is ready (so pipelines see it
/// at once), or, with `--format table`, one aligned table once all rows are known.
package final class RowPrinter {
    package let format: OutputFormat
    private let sink: (String) -> Void
    private var columns: [String] = []
    private var tableRows: [[String]] = []

    /// - Parameter sink: receives each complete line (without the newline); stdout by default.
    package init(format: OutputFormat, sink: @escaping (String) -> Void = RowPrinter.standardOutput) {
        self.format = format
        self.sink = sink
    }

    package func emit<Row: OutputRow>(_ row: Row) throws {
        switch format {
        case .jsonl:
            sink(try JSONLines.line(row))
        case .table:
            if columns.isEmpty { columns = row.tableColumns }
            let object = try JSONDecoder().decode(JSONValue.self, from: JSONLines.encoder.encode(row))
            tableRows.append(columns.map { TableRenderer.cell(object[$0]) })
        }
    }

    /// Writes the table (a no-op for JSON lines). Call once, after the last row.
    package func finish() {
        guard format == .table, !columns.isEmpty else { return }
        for line in TableRenderer.render(columns: columns, rows: tableRows) { sink(line) }
        tableRows.removeAll()
    }

    package static func standardOutput(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
