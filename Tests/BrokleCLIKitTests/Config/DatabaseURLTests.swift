@testable import BrokleCore
@testable import BrokleStorage
import Testing

@Suite struct DatabaseURLTests {
    @Test func sqliteForms() throws {
        #expect(try DatabaseURL(parsing: "sqlite:brokle.db") == .sqlite(path: "brokle.db"))
        #expect(try DatabaseURL(parsing: "sqlite:///var/lib/brokle.db") == .sqlite(path: "/var/lib/brokle.db"))
        #expect(try DatabaseURL(parsing: "sqlite::memory:") == .sqliteMemory)
    }

    @Test func postgresWithEverything() throws {
        let url = try DatabaseURL(parsing: "postgres://app:s%40cret@db.internal:6543/brokle?sslmode=require")
        guard case .postgres(let location) = url else { Issue.record("not postgres"); return }
        #expect(location.host == "db.internal")
        #expect(location.port == 6543)
        #expect(location.username == "app")
        #expect(location.password == "s@cret")
        #expect(location.database == "brokle")
        #expect(location.tls == .require)
    }

    @Test func postgresDefaults() throws {
        guard case .postgres(let location) = try DatabaseURL(parsing: "postgresql://app@localhost/brokle") else {
            Issue.record("not postgres"); return
        }
        #expect(location.port == 5432)
        #expect(location.password == nil)
        #expect(location.tls == .disable)
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let url = try DatabaseURL(parsing: "postgres://app:hunter2@localhost:5432/brokle")
        #expect(!url.description.contains("hunter2"))
        #expect(url.description.contains("app:***@localhost"))
    }

    @Test(arguments: [
        ("mysql://x/y", "unsupported scheme 'mysql'"),
        ("", "it is empty"),
        ("sqlite:", "no file path"),
        ("postgres://localhost/brokle", "no user name"),
        ("postgres://app@localhost", "no database name"),
        ("postgres://app@localhost/db?sslmode=verify-full", "sslmode must be disable or require"),
        ("postgres://app@localhost/db?pool=3", "unknown query parameter 'pool'"),
    ])
    func invalidURLsNameTheVariable(text: String, reason: String) {
        #expect {
            try DatabaseURL(parsing: text, variable: "BROKLE_DATABASE_URL")
        } throws: { error in
            guard let error = error as? BrokleError else { return false }
            return error.kind == .config && error.message.hasPrefix("BROKLE_DATABASE_URL is invalid") && error.message.contains(reason)
        }
    }
}
