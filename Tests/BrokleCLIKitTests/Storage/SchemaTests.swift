@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// The initial schema enforces what the stores will rely on, identically on both databases.
@Suite struct SchemaTests {
    func migrated<T>(_ kind: TestDatabase, _ body: (Database) async throws -> T) async throws -> T {
        try await kind.withFresh { _, database in
            try await Migrator(database: database, logger: TestDatabase.logger).up()
            return try await body(database)
        }
    }

    func insertTenant(_ sql: any SQLDatabase, org: String = "o1") async throws {
        let now = Date()
        try await sql.raw(
            "INSERT INTO organizations (id, slug, name, plan, created_at, updated_at) VALUES (\(bind: org), \(bind: "acme-" + org), 'Acme', 'pro', \(bind: now), \(bind: now))"
        ).run()
        try await sql.raw(
            "INSERT INTO projects (id, organization_id, slug, name, created_at, updated_at) VALUES (\(bind: "p-" + org), \(bind: org), 'web', 'Web', \(bind: now), \(bind: now))"
        ).run()
        try await sql.raw(
            "INSERT INTO environments (id, project_id, slug, created_at) VALUES (\(bind: "e-" + org), \(bind: "p-" + org), 'production', \(bind: now))"
        ).run()
    }

    @Test(arguments: TestDatabase.available)
    func foreignKeysAreEnforcedAndCascade(kind: TestDatabase) async throws {
        try await migrated(kind) { database in
            let sql = database.sql
            await #expect(throws: (any Error).self) {
                try await sql.raw(
                    "INSERT INTO projects (id, organization_id, slug, name, created_at, updated_at) VALUES ('p', 'missing', 'web', 'Web', \(bind: Date()), \(bind: Date()))"
                ).run()
            }
            try await insertTenant(sql)
            try await sql.raw("DELETE FROM organizations WHERE id = 'o1'").run()
            let left = try await sql.raw("SELECT count(*) AS n FROM environments").first()?.decode(column: "n", as: Int.self)
            #expect(left == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func slugsAreUniqueWhereTheyMustBe(kind: TestDatabase) async throws {
        try await migrated(kind) { database in
            try await insertTenant(database.sql)
            await #expect(throws: (any Error).self) {
                try await database.sql.raw(
                    "INSERT INTO organizations (id, slug, name, plan, created_at, updated_at) VALUES ('o2', 'acme-o1', 'Dup', 'free', \(bind: Date()), \(bind: Date()))"
                ).run()
            }
            await #expect(throws: (any Error).self) {
                try await database.sql.raw(
                    "INSERT INTO organizations (id, slug, name, plan, created_at, updated_at) VALUES ('o3', 'other', 'Bad plan', 'platinum', \(bind: Date()), \(bind: Date()))"
                ).run()
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func moneySumsExactlyAndTimesRoundTrip(kind: TestDatabase) async throws {
        try await migrated(kind) { database in
            let started = Date(timeIntervalSince1970: 1_790_000_000.25)
            // 0.1 USD ten times and one nano-dollar: a float column would not give exactly 1.000000001.
            // (PostgreSQL sums BIGINT as NUMERIC; the CAST gives both databases the same integer type.)
            for index in 0..<11 {
                let cost: Int64 = index < 10 ? 100_000_000 : 1
                try await database.sql.raw(
                    """
                    INSERT INTO traces (id, organization_id, project_id, environment_id, api_key_id, endpoint, model_requested,
                                        status, latency_ms, cost_nanousd, started_at, finished_at)
                    VALUES (\(bind: "t\(index)"), 'o', 'p', 'e', 'k', 'chat.completions', 'gpt-4o', 'ok', 12.5,
                            \(bind: cost), \(bind: started), \(bind: started))
                    """
                ).run()
            }
            let row = try await database.sql.raw("SELECT CAST(sum(cost_nanousd) AS BIGINT) AS total, min(started_at) AS first FROM traces")
                .first()
            let total = try row?.decode(column: "total", as: Int64.self)
            #expect(total == 1_000_000_001)
            let first = try row?.decode(column: "first", as: Date.self)
            #expect(abs((first?.timeIntervalSince1970 ?? 0) - started.timeIntervalSince1970) < 0.001)
        }
    }

    @Test(arguments: TestDatabase.available)
    func attemptsGoWithTheirTrace(kind: TestDatabase) async throws {
        try await migrated(kind) { database in
            let now = Date()
            try await database.sql.raw(
                """
                INSERT INTO traces (id, organization_id, project_id, environment_id, api_key_id, endpoint, model_requested,
                                    status, latency_ms, started_at, finished_at)
                VALUES ('t1', 'o', 'p', 'e', 'k', 'chat.completions', 'gpt-4o', 'ok', 1, \(bind: now), \(bind: now))
                """
            ).run()
            try await database.sql.raw(
                """
                INSERT INTO trace_attempts (trace_id, attempt, provider, model, status, http_status, latency_ms, started_at)
                VALUES ('t1', 1, 'openai', 'gpt-4o', 'error', 503, 3, \(bind: now)), ('t1', 2, 'azure', 'gpt-4o', 'ok', 200, 4, \(bind: now))
                """
            ).run()
            if database.dialect == .postgres {
                // Partitioned tables keep no foreign key (migration 0011): the pruner deletes attempts with their trace.
                let report = try await TracePruner(database).prune(.uniform(before: now.addingTimeInterval(1)))
                #expect(report.traces == 1 && report.attempts == 2)
            } else {
                try await database.sql.raw("DELETE FROM traces WHERE id = 't1'").run()
            }
            let left = try await database.sql.raw("SELECT count(*) AS n FROM trace_attempts").first()?.decode(column: "n", as: Int.self)
            #expect(left == 0)
        }
    }
}
