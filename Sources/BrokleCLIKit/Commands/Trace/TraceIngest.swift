import BrokleCore
import BrokleSettings
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle trace ingest [FILE...] [--keep]`
struct TraceIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Write spilled traces into the database, once each.",
        discussion: """
            The proxy spills traces to BROKLE_SPILL_DIR (default ./brokle-spill) when the database cannot take \
            them, and ingests them itself on its next start. This does it by hand: with no FILE, every file \
            waiting in the spill folder (each removed once stored); with FILEs, those files (kept unless --delete). \
            Traces already stored are skipped, so running it twice is harmless. One JSON line per file.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Spill files (JSON lines). Default: every file waiting in the spill folder.", completion: .file(extensions: ["jsonl"]))
    var files: [String] = []
    @Option(help: "Spill folder to read when no FILE is given (env BROKLE_SPILL_DIR; default ./brokle-spill).", completion: .directory)
    var spillDir: String?
    @Flag(help: "Remove each named FILE once its traces are stored.") var delete = false

    func validate() throws {
        if !files.isEmpty && spillDir != nil { throw ValidationError("pass FILEs or --spill-dir, not both") }
        if files.isEmpty && delete {
            throw ValidationError("--delete applies to named FILEs; spill-folder files are always removed once stored")
        }
    }

    func run() async throws {
        let loader = ConfigLoader()
        let context = try CommandContext(global, loader: loader)
        let folder = try spillDir ?? loader.spillDirectory(global.flags)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let ingest = SpillIngest(database)
            if files.isEmpty {
                let (done, error) = await ingest.ingestPending(TraceSpill(directory: folder))
                for result in done { try context.emit(TraceIngestRow(result)) }
                context.printer.finish()
                if let error { throw error }
                return
            }
            for file in files {
                guard FileManager.default.fileExists(atPath: file) else {
                    throw BrokleError(
                        .notFound, "\(file) does not exist", hint: "pass the path of a spill file (brokle-spill/traces-*.jsonl)")
                }
                let result = try await ingest.ingest(file: file)
                if delete { try? FileManager.default.removeItem(atPath: file) }
                try context.emit(TraceIngestRow(result))
            }
            context.printer.finish()
        }
    }
}

/// One ingested spill file.
struct TraceIngestRow: OutputRow {
    static let columns = ["file", "traces", "inserted", "already_stored", "invalid_lines"]
    var file: String
    var traces: Int
    var inserted: Int
    var alreadyStored: Int
    var invalidLines: Int

    enum CodingKeys: String, CodingKey {
        case file, traces, inserted, alreadyStored = "already_stored", invalidLines = "invalid_lines"
    }

    init(_ result: SpillIngest.FileResult) {
        file = result.file
        traces = result.traces
        inserted = result.inserted
        alreadyStored = result.traces - result.inserted
        invalidLines = result.invalidLines
    }
}
