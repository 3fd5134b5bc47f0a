@testable import BrokleCore
@testable import BrokleGateway
import Foundation
import Testing

/// The cache's view of a request: exact keys, scopes, semantic partitions.
@Suite struct CacheRequestTests {
    static let key = KeyContext(
        keyID: "k", publicID: "pk", organizationID: "o1", orgSlug: "acme", projectID: "p1", projectSlug: "web", environmentID: "e1",
        environmentSlug: "production", allowedModels: nil, expiresAt: nil)

    func request(
        _ body: String, mode: CachePolicy.Mode = .semantic, scope: CachePolicy.Scope = .environment, key: KeyContext = key,
        dialect: any ClientDialect = OpenAIDialect()
    ) -> CacheRequest? {
        var policy = CachePolicy(mode: mode)
        policy.scope = scope
        return CacheRequest(
            body: Array(body.utf8), policy: policy, key: key, endpoint: .chatCompletions, dialect: dialect, embedderID: "lexical-v1/512")
    }

    @Test func transportFieldsDoNotChangeTheKeyAndEverythingElseDoes() throws {
        let base = try #require(request(#"{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":0}"#))
        let transport = try #require(
            request(
                #"{"stream":true,"stream_options":{"include_usage":true},"user":"u","temperature":0.0,"model":"m","messages":[{"content":"hi","role":"user"}]}"#
            ))
        #expect(base.exactKey == transport.exactKey && base.exactKey.count == 64)
        let hotter = try #require(request(#"{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":0.5}"#))
        #expect(hotter.exactKey != base.exactKey && hotter.semantic?.partition != base.semantic?.partition)
        let anthropic = try #require(
            request(#"{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":0}"#, dialect: AnthropicDialect()))
        #expect(anthropic.exactKey != base.exactKey, "answers are stored in the dialect's own shape")
    }

    @Test func scopeIsWhoAsks() throws {
        let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
        var sibling = Self.key
        sibling.environmentID = "e2"
        let here = try #require(request(body)), there = try #require(request(body, key: sibling))
        #expect(here.scope == "env:e1" && here.exactKey != there.exactKey && here.semantic?.partition != there.semantic?.partition)
        let projectHere = try #require(request(body, scope: .project)),
            projectThere = try #require(request(body, scope: .project, key: sibling))
        #expect(projectHere.scope == "project:p1" && projectHere.exactKey == projectThere.exactKey)
        var stranger = sibling
        stranger.organizationID = "o2"
        let org = try #require(request(body, scope: .organization)),
            otherOrg = try #require(request(body, scope: .organization, key: stranger))
        #expect(org.exactKey != otherOrg.exactKey)
    }

    @Test func theSemanticPartitionIsEverythingButTheLastUserTurn() throws {
        let a = try #require(request(#"{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"one"}]}"#))
        let b = try #require(
            request(#"{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"two"}]}]}"#)
        )
        #expect(a.semantic?.partition == b.semantic?.partition && a.semantic?.text == "one" && b.semantic?.text == "two")
        let otherSystem = try #require(
            request(#"{"model":"m","messages":[{"role":"system","content":"t"},{"role":"user","content":"one"}]}"#))
        #expect(otherSystem.semantic?.partition != a.semantic?.partition)
        let image = try #require(
            request(#"{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}"#))
        #expect(image.semantic == nil, "exact only")
        let assistantLast = try #require(request(#"{"model":"m","messages":[{"role":"assistant","content":"x"}]}"#))
        #expect(assistantLast.semantic == nil)
        #expect(try #require(request(#"{"model":"m","messages":[{"role":"user","content":"x"}]}"#, mode: .exact)).semantic == nil)
    }
}
