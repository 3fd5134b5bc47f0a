import BrokleCore
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The spill folder: where the gateway puts traces (and key use) that the database could not take
/// when they must leave memory — the queue half full during an outage, or the process stopping
/// while the database is still down. Each spill is one new file of JSON lines, written to a
/// temporary name, fsync'd, renamed into place and the folder fsync'd, so a file that exists is
/// whole. Files are read back into the database on the next start (or by `brokle trace ingest`),
/// exactly once: traces are keyed by id.
///
/// Lines: `{"trace":{…}}` (see ``TraceRecord`` coding keys) and
/// `{"key_usage":{"api_key_id":"…","last_used_at":"…"}}`.
package struct TraceSpill: Sendable {
    package let directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// One line of a spill file.
    package enum Line: Codable, Sendable, Equatable {
        case trace(TraceRecord)
        case keyUsage(KeyUsage)

        enum CodingKeys: String, CodingKey {
            case trace
            case keyUsage = "key_usage"
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let trace = try container.decodeIfPresent(TraceRecord.self, forKey: .trace) {
                self = .trace(trace)
            } else {
                self = .keyUsage(try container.decode(KeyUsage.self, forKey: .keyUsage))
            }
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .trace(let trace): try container.encode(trace, forKey: .trace)
            case .keyUsage(let usage): try container.encode(usage, forKey: .keyUsage)
            }
        }
    }

    package struct KeyUsage: Codable, Sendable, Equatable {
        package var apiKeyID: String
        package var lastUsedAt: Date

        enum CodingKeys: String, CodingKey {
            case apiKeyID = "api_key_id"
            case lastUsedAt = "last_used_at"
        }
    }

    /// What a spill file holds.
    package struct Contents: Sendable {
        package var traces: [TraceRecord] = []
        /// Newest use per key: from `key_usage` lines and from the traces themselves.
        package var keyUsage: [String: Date] = [:]
        /// Lines that could not be read (a file cut short by a crash before the rename never
        /// exists, so this is only ever a file edited by hand).
        package var invalidLines = 0
    }

    static let suffix = ".jsonl"

    /// Writes one new spill file and returns its path. Throws (and leaves nothing behind) when the
    /// folder cannot be created or the disk is full.
    @discardableResult
    package func write(traces: [TraceRecord], keyUsage: [String: Date] = [:]) throws(BrokleError) -> String {
        var text = Data()
        let encoder = JSONLines.encoder
        do {
            for trace in traces {
                text.append(try encoder.encode(Line.trace(trace)))
                text.append(0x0A)
            }
            for (id, date) in keyUsage.sorted(by: { $0.key < $1.key }) {
                text.append(try encoder.encode(Line.keyUsage(KeyUsage(apiKeyID: id, lastUsedAt: date))))
                text.append(0x0A)
            }
        } catch {
            throw BrokleError(.internalError, "could not encode traces for the spill file: \(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BrokleError(.database, "cannot create the spill folder \(directory): \(error.localizedDescription)")
        }
        let name = "traces-\(Self.stamp())-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = directory + "/." + name + ".tmp"
        let final = directory + "/" + name + Self.suffix
        do {
            try Self.writeDurably(text, to: temporary)
            guard rename(temporary, final) == 0 else { throw POSIXFailure(operation: "rename", code: errno) }
            try Self.syncDirectory(directory)
        } catch {
            unlink(temporary)
            throw BrokleError(
                .database, "cannot write the spill file \(final): \(error)",
                hint: "free disk space or set BROKLE_SPILL_DIR to a writable folder")
        }
        return final
    }

    /// Spill files waiting to be ingested, oldest first.
    package func pending() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(Self.suffix) && !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
    }

    /// Takes `path` for ingesting by renaming it, so two gateways starting together never both
    /// work on it; nil when another process took it first. ``release(_:)`` gives it back.
    package func claim(_ path: String) -> String? {
        let claimed = path + ".ingesting-\(getpid())"
        return rename(path, claimed) == 0 ? claimed : nil
    }

    /// Puts a claimed file back for a later try.
    package func release(_ claimed: String) {
        guard let range = claimed.range(of: ".ingesting-", options: .backwards) else { return }
        rename(claimed, String(claimed[..<range.lowerBound]))
    }

    /// Reads a spill file.
    package static func read(_ path: String) throws(BrokleError) -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BrokleError(.notFound, "cannot read \(path): \(error.localizedDescription)")
        }
        var contents = Contents()
        let decoder = JSONLines.decoder
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let parsed = try? decoder.decode(Line.self, from: line) else {
                contents.invalidLines += 1
                continue
            }
            switch parsed {
            case .trace(let trace):
                contents.traces.append(trace)
                contents.keyUsage.merge([trace.apiKeyID: trace.finishedAt]) { max($0, $1) }
            case .keyUsage(let usage):
                contents.keyUsage.merge([usage.apiKeyID: usage.lastUsedAt]) { max($0, $1) }
            }
        }
        return contents
    }

    private static func stamp() -> String {
        RFC3339.string(from: Date()).filter { $0.isNumber }
    }

    struct POSIXFailure: Error, CustomStringConvertible {
        var operation: String
        var code: Int32
        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    private static func writeDurably(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXFailure(operation: "open", code: errno) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXFailure(operation: "write", code: errno)
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw POSIXFailure(operation: "fsync", code: errno) }
    }

    private static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXFailure(operation: "open folder", code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw POSIXFailure(operation: "fsync folder", code: errno) }
    }
}
