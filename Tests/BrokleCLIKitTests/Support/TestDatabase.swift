@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Logging
import Testing

/// The databases storage tests run against: always SQLite; PostgreSQL when
/// `BROKLE_TEST_POSTGRES_URL` names a server (CI always sets it — see `PostgresAvailabilityTests`).
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment["BROKLE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The kinds available here; parameterized tests take this as their arguments.
    static var available: [TestDatabase] {
        postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }

    static let logger: Logger = {
        var logger = Logger(label: "brokle.tests")
        logger.logLevel = .critical
        return logger
    }()

    /// A test's own connections: the shared server answers a loaded full run slowly, so a connect
    /// gets 20 s rather than the product's 5 s (what is tested is the product, not the harness).
    static let options = Database.Options(connectTimeout: .seconds(20))

    /// A fresh, empty database of this kind for one test, removed afterwards. `body` gets its URL
    /// (for running the CLI against it) and an open connection.
    func withFresh<T>(_ body: (String, Database) async throws -> T) async throws -> T {
        let url = try await create()
        let database = try await Database.connect(try DatabaseURL(parsing: url), options: Self.options, logger: Self.logger)
        do {
            let value = try await body(url, database)
            await database.close()
            try await drop(url)
            return value
        } catch {
            await database.close()
            try? await drop(url)
            throw error
        }
    }

    private func create() async throws -> String {
        let name = "brokle_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch self {
        case .sqlite:
            return "sqlite:" + FileManager.default.temporaryDirectory.appendingPathComponent("\(name).db").path
        case .postgres:
            guard let admin = Self.postgresAdminURL else { throw BrokleError(.config, "BROKLE_TEST_POSTGRES_URL is not set") }
            let database = try await Database.connect(try DatabaseURL(parsing: admin), options: Self.options, logger: Self.logger)
            do {
                try await database.sql.raw("CREATE DATABASE \(ident: name)").run()
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            return Self.replacingDatabase(in: admin, with: name)
        }
    }

    private func drop(_ url: String) async throws {
        switch try DatabaseURL(parsing: url) {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .sqliteMemory:
            break
        case .postgres(let location):
            guard let admin = Self.postgresAdminURL else { return }
            let database = try await Database.connect(try DatabaseURL(parsing: admin), options: Self.options, logger: Self.logger)
            try await database.sql.raw("DROP DATABASE IF EXISTS \(ident: location.database) WITH (FORCE)").run()
            await database.close()
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}
