import Foundation
import Testing

/// Tenancy made through the built binary for CLI tests: organization acme, project acme/web (with
/// its development and production environments) and a key named ci in production.
enum CLIFixture {
    /// Provisions it in the database at `url`; returns the key's public id.
    static func acmeWithKey(_ url: String) async throws -> String {
        func brokle(_ arguments: [String]) async throws -> BrokleBinary.Result {
            try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
        }
        #expect(try await brokle(["orgs", "create", "acme"]).status == 0)
        #expect(try await brokle(["orgs", "projects", "create", "acme/web"]).status == 0)
        let key = try await brokle(["keys", "create", "--project", "acme/web", "--env", "production", "--name", "ci"])
        return try #require(try key.lines().first?["public_id"]?.stringValue)
    }
}
