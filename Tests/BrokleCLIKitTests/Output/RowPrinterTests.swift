@testable import BrokleCLIKit
@testable import BrokleCore
import Foundation
import Testing

@Suite struct RowPrinterTests {
    struct Row: OutputRow {
        static let columns = ["name", "count", "when", "note"]
        var name: String
        var count: Int
        var when: Date
        @Nullable var note: String?
    }

    final class Lines: @unchecked Sendable { var all: [String] = [] }

    @Test func jsonLinesAreEmittedOneByOneWithRFC3339AndNulls() throws {
        let lines = Lines()
        let printer = RowPrinter(format: .jsonl) { lines.all.append($0) }
        try printer.emit(Row(name: "a/b", count: 2, when: Date(timeIntervalSince1970: 0), note: nil))
        #expect(lines.all == [#"{"count":2,"name":"a/b","note":null,"when":"1970-01-01T00:00:00Z"}"#])
        try printer.emit(Row(name: "x", count: 1, when: Date(timeIntervalSince1970: 1.5), note: "n"))
        #expect(lines.all.count == 2)
        #expect(lines.all[1].contains(#""when":"1970-01-01T00:00:01.500Z""#))
    }

    @Test func tableAlignsColumnsInDeclaredOrder() throws {
        let lines = Lines()
        let printer = RowPrinter(format: .table) { lines.all.append($0) }
        try printer.emit(Row(name: "short", count: 10, when: Date(timeIntervalSince1970: 0), note: nil))
        try printer.emit(Row(name: "a-longer-name", count: 2, when: Date(timeIntervalSince1970: 0), note: "hi"))
        #expect(lines.all.isEmpty)
        printer.finish()
        #expect(
            lines.all == [
                "NAME           COUNT  WHEN                  NOTE",
                "short          10     1970-01-01T00:00:00Z  -",
                "a-longer-name  2      1970-01-01T00:00:00Z  hi",
            ])
    }

    @Test func errorLineFollowsTheContract() throws {
        let line = ErrorReporter.line(for: BrokleError(.notFound, "no org 'x'", hint: "list them"))
        #expect(line == #"{"error":{"hint":"list them","message":"no org 'x'","type":"not_found"}}"#)
    }

    @Test func everyErrorKindHasItsOwnExitCode() {
        let codes = BrokleError.Kind.allCases.map(\.exitCode)
        #expect(Set(codes).count == codes.count)
        #expect(!codes.contains(0))
    }

    @Test func tableCellsWriteSmallAmountsWithoutAnExponent() {
        #expect(TableRenderer.cell(.double(7.21e-07)) == "0.000000721")
        #expect(TableRenderer.cell(.double(0.6667)) == "0.6667")
        #expect(TableRenderer.cell(.double(-1.5e-09)) == "-0.0000000015")
        #expect(TableRenderer.cell(.double(12.5)) == "12.5")
    }
}
