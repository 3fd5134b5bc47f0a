@testable import BrokleCore
import Foundation
import Testing

/// Runs `brokle` commands against one database and checks that each change left exactly one new
/// audit row (read back with `brokle audit query`, as a script would).
struct AuditTrail {
    let url: String
    var actor: String?
    /// Rows seen so far, newest first.
    private(set) var rows: [JSONLine] = []

    init(url: String, actor: String? = nil) {
        self.url = url
        self.actor = actor
    }

    /// `cli:` and the user the tests run as: the default actor.
    static var defaultActor: String { "cli:" + ProcessInfo.processInfo.userName }

    func brokle(_ arguments: [String]) async throws -> BrokleBinary.Result {
        var environment = ["BROKLE_DATABASE_URL": url]
        if let actor { environment["BROKLE_ACTOR"] = actor }
        return try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: environment)
    }

    /// Every row, newest first.
    func read() async throws -> [JSONLine] {
        let result = try await BrokleBinary.run(
            ["audit", "query", "--limit", "10000", "--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
        #expect(result.status == 0, "\(result.stderr)")
        return try result.lines()
    }

    /// Takes the rows already there (a fixture's) as seen.
    mutating func sync() async throws {
        rows = try await read()
    }

    /// Runs a change that must succeed and returns its one new audit row.
    @discardableResult
    mutating func change(
        _ arguments: [String], action: String, target: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONLine {
        let result = try await brokle(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return try await recorded(action: action, target: target, sourceLocation: sourceLocation)
    }

    /// The one row the last change (made with ``brokle(_:)``) left.
    @discardableResult
    mutating func recorded(action: String, target: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONLine {
        let now = try await read()
        #expect(now.count == rows.count + 1, "\(action) left \(now.count - rows.count) rows", sourceLocation: sourceLocation)
        let row = try #require(now.first, sourceLocation: sourceLocation)
        #expect(row["action"] == .string(action), sourceLocation: sourceLocation)
        #expect(row["target"] == .string(target), "\(row.value)", sourceLocation: sourceLocation)
        #expect(row["actor"] == .string(actor ?? Self.defaultActor), sourceLocation: sourceLocation)
        #expect(row["origin"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        rows = now
        return row
    }

    /// Runs a command that changes nothing (refused, or a no-op) and checks it left no row.
    mutating func unchanged(_ arguments: [String], status: Int32, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await brokle(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        let now = try await read()
        #expect(now.count == rows.count, "\(arguments) left \(now.count - rows.count) rows", sourceLocation: sourceLocation)
        rows = now
    }
}
