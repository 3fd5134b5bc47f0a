@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleProviders
import Testing

@Suite struct InboundRequestTests {
    static let catalog = ProviderCatalog(
        providers: [ProviderConfig(name: "a", kind: .mock(.init()))],
        models: [ModelRoute(name: "smart", provider: "a", upstreamModel: "model-a")]
    )

    static func read(_ json: String, endpoint: Endpoint = .chatCompletions) throws(GatewayError) -> InboundRequest {
        let inspector = try RequestInspector(Array(json.utf8))
        let model = try InboundRequest.model(in: inspector)
        return try InboundRequest(inspector: inspector, model: model, endpoint: endpoint, catalog: catalog)
    }

    @Test func aConfiguredModelIsLabelledByItsName() throws {
        let request = try Self.read(#"{"model":"smart","messages":[],"stream":true}"#)
        #expect(request.model == "smart" && request.configured && request.stream)
        #expect(request.modelLabel == "smart")
    }

    @Test func directAddressingIsLabelledByItsProvider() throws {
        let request = try Self.read(#"{"model":"a/anything","messages":[]}"#)
        #expect(!request.configured && !request.stream)
        #expect(request.modelLabel == "a/*")
    }

    @Test func embeddingsNeverStream() throws {
        #expect(try !Self.read(#"{"model":"smart","input":"x","stream":true}"#, endpoint: .embeddings).stream)
    }

    @Test func missingFieldsAndUnknownModelsAreRefused() {
        #expect(throws: GatewayError.missingParameter("model")) { try Self.read(#"{"messages":[]}"#) }
        #expect(throws: GatewayError.missingParameter("prompt")) { try Self.read(#"{"model":"smart"}"#, endpoint: .completions) }
        #expect(throws: GatewayError.modelNotFound("nope")) { try Self.read(#"{"model":"nope","messages":[]}"#) }
    }

    @Test func admissionHonoursTheKeysModelList() async throws {
        var key = KeyContext(
            keyID: "k", publicID: "p", organizationID: "o", orgSlug: "acme", projectID: "p", projectSlug: "web",
            environmentID: "e", environmentSlug: "production", allowedModels: nil, expiresAt: nil
        )
        let request = try Self.read(#"{"model":"smart","messages":[]}"#)
        #expect(try await Admission().admit(request, key: key).isEmpty)
        key.allowedModels = [try ModelPattern("other")]
        await #expect(throws: GatewayError.modelNotAllowed("smart")) { try await Admission().admit(request, key: key) }
    }
}
