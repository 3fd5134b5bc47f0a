import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle trace show ID [--format table]`
struct TraceShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one trace whole: its facts, every attempt, and the captured conversation.",
        discussion: """
            ID is the trace's id: the x-brokle-request-id of the response, or `id` in `trace query`. Prints one \
            JSON object: the fields of a `trace query` line, attempts_detail (every upstream attempt in full) and \
            content — null unless the trace's scope captured content (`brokle logging`) and content retention has \
            not removed it yet — with request and response as JSON when they parse, else as strings, and \
            request_truncated/response_truncated when they were cut at BROKLE_LOG_CONTENT_MAX_BYTES. \
            --format table lays it out for a person: the facts, the attempts, then the conversation (each message \
            `role: text`, tool calls and results, then the answer), with terminal control characters escaped. \
            An unknown ID is a not_found error (exit status 6).
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The trace id (x-brokle-request-id).") var id: String

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            guard let trace = try await TraceQueryStore(database).trace(id: id) else {
                throw BrokleError(
                    .notFound, "no trace has id '\(id)'",
                    hint: "ids are printed by `brokle trace query`; traces older than BROKLE_TRACE_RETENTION are pruned")
            }
            switch context.config.format {
            case .table:
                for line in TraceShowTable.lines(trace) { RowPrinter.standardOutput(line) }
            case .jsonl:
                try context.emit(TraceShowRow(trace))
                context.printer.finish()
            }
        }
    }
}
