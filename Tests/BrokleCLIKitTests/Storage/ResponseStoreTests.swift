@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// The Responses API's stored responses on both databases: read only within their environment and
/// before they expire, replaced when stored again, deleted by id, swept when expired.
@Suite struct ResponseStoreTests {
    static func response(_ id: String, environment: String = "env-1", expiresIn: TimeInterval = 3600) -> StoredResponse {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        return StoredResponse(
            id: id, organizationID: "org-1", projectID: "proj-1", environmentID: environment, previousResponseID: "resp_before",
            model: "gpt-x", input: Array(#"[{"role":"user","content":"hi ü"}]"#.utf8),
            response: Array(#"{"id":"\#(id)","object":"response"}"#.utf8), createdAt: now, expiresAt: now.addingTimeInterval(expiresIn))
    }

    @Test(arguments: TestDatabase.available)
    func readWithinItsEnvironmentUntilItExpires(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let store = ResponseStore(database)
            let kept = Self.response("resp_a")
            try await store.insert([kept, Self.response("resp_b", environment: "env-2"), Self.response("resp_old", expiresIn: -1)])
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            #expect(try await store.response(id: "resp_a", environmentID: "env-1", now: now) == kept)
            #expect(try await store.response(id: "resp_a", environmentID: "env-2", now: now) == nil)
            #expect(try await store.response(id: "resp_b", environmentID: "env-1", now: now) == nil)
            #expect(try await store.response(id: "resp_old", environmentID: "env-1", now: now) == nil)
            #expect(try await store.response(id: "resp_a", environmentID: "env-1", now: now.addingTimeInterval(3600)) == nil)

            var replaced = kept
            replaced.response = Array(#"{"id":"resp_a","status":"completed"}"#.utf8)
            try await store.insert([replaced])
            #expect(try await store.response(id: "resp_a", environmentID: "env-1", now: now)?.response == replaced.response)

            #expect(try await store.sweep(now: now) == 1)
            #expect(try await !store.delete(id: "resp_a", environmentID: "env-2"))
            #expect(try await store.delete(id: "resp_a", environmentID: "env-1"))
            #expect(try await store.response(id: "resp_a", environmentID: "env-1", now: now) == nil)
            #expect(try await !store.delete(id: "resp_a", environmentID: "env-1"))
        }
    }
}
