@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

@Suite struct GeminiResponseMappingTests {
    /// Text split over parts, a thought part left out, two function calls (one with a thought
    /// signature), STOP with calls → tool_calls, usage with cached and thoughts tokens.
    @Test func toolCallResponse() throws {
        let body = try GeminiResponseMapping.body(
            fromGemini: GeminiFixtures.data("chat-response.gemini.json"), fallbackID: "req-1", model: "gemini-2.5-flash",
            created: 1_700_000_000
        )
        #expect(try GeminiFixtures.json(body) == GeminiFixtures.json("chat-response.openai.json"))
    }

    @Test func textResponseCutShort() throws {
        let body = try GeminiResponseMapping.body(
            fromGemini: GeminiFixtures.data("text-response.gemini.json"), fallbackID: "req-1", model: "gemini-2.0-flash",
            created: 1_700_000_000
        )
        #expect(try GeminiFixtures.json(body) == GeminiFixtures.json("text-response.openai.json"))
    }

    @Test func blockedPromptIsAContentFilterChoice() throws {
        let data = Data(#"{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":5,"totalTokenCount":5}}"#.utf8)
        let body = try GeminiFixtures.json(GeminiResponseMapping.body(fromGemini: data, fallbackID: "req-7", model: "g", created: 1))
        #expect(body["id"] == .string("chatcmpl-req-7"))
        #expect(body["model"] == .string("g"))
        #expect(
            body["choices"]
                == .array([
                    .object([
                        "index": .int(0), "message": .object(["role": .string("assistant"), "content": .null]),
                        "finish_reason": .string("content_filter"),
                    ])
                ]))
        #expect(body["usage"]?["prompt_tokens"] == .int(5))
    }

    @Test func finishReasons() {
        #expect(GeminiResponseMapping.finishReason("STOP", hasToolCalls: false) == .string("stop"))
        #expect(GeminiResponseMapping.finishReason("STOP", hasToolCalls: true) == .string("tool_calls"))
        #expect(GeminiResponseMapping.finishReason("MAX_TOKENS", hasToolCalls: false) == .string("length"))
        for reason in ["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII"] {
            #expect(GeminiResponseMapping.finishReason(reason, hasToolCalls: false) == .string("content_filter"))
        }
        #expect(GeminiResponseMapping.finishReason("OTHER", hasToolCalls: false) == .string("stop"))
        #expect(GeminiResponseMapping.finishReason(nil, hasToolCalls: false) == .null)
    }

    @Test func quotaErrorKeeps429() throws {
        let error = try GeminiResponseMapping.error(status: 429, body: GeminiFixtures.data("error-429.gemini.json"), secrets: [])
        #expect(error.status == 429)
        #expect(try GeminiFixtures.json(error.body) == GeminiFixtures.json("error-429.openai.json"))
        #expect(try GeminiResponseMapping.retryDelay(body: GeminiFixtures.data("error-429.gemini.json")) == 17)
        #expect(GeminiResponseMapping.retryDelay(body: Data(#"{"error":{"code":500,"message":"x"}}"#.utf8)) == nil)
    }

    @Test func invalidKeyIsAnAuthenticationError() throws {
        let error = try GeminiResponseMapping.error(
            status: 400, body: GeminiFixtures.data("error-invalid-key.gemini.json"), secrets: ["AIza-secret"])
        #expect(error.status == 401)
        let body = try GeminiFixtures.json(error.body)
        #expect(body["error"]?["type"] == .string("authentication_error"))
        #expect(body["error"]?["code"] == .string("INVALID_ARGUMENT"))
        #expect(body["error"]?["message"] == .string("API key not valid. Please pass a valid API key."))
    }

    @Test func errorTypesSecretsAndUnreadableBodies() throws {
        func mapped(_ status: Int, _ text: String) throws -> (Int, JSONValue) {
            let error = GeminiResponseMapping.error(status: status, body: Data(text.utf8), secrets: ["AIza-secret"])
            return (error.status, try GeminiFixtures.json(error.body))
        }
        let (status, body) = try mapped(
            400, #"{"error":{"code":400,"message":"bad key AIza-secret in request","status":"INVALID_ARGUMENT"}}"#)
        #expect(status == 400)
        #expect(body["error"]?["message"] == .string("bad key *** in request"))
        #expect(body["error"]?["type"] == .string("invalid_request_error"))
        #expect(
            try mapped(403, #"{"error":{"code":403,"message":"m","status":"PERMISSION_DENIED"}}"#).1["error"]?["type"]
                == .string("authentication_error"))
        #expect(try mapped(500, #"[{"error":{"code":500,"message":"m","status":"INTERNAL"}}]"#).1["error"]?["type"] == .string("api_error"))
        let (htmlStatus, html) = try mapped(502, "<html>Bad Gateway</html>")
        #expect(htmlStatus == 502)
        #expect(html["error"]?["type"] == .string("api_error"))
        #expect(html["error"]?["code"] == .null)
    }

    @Test func embeddingList() throws {
        let data = Data(#"{"embeddings":[{"values":[0.25,-0.5]},{"values":[1,0]}]}"#.utf8)
        let list = try GeminiFixtures.json(GeminiResponseMapping.embeddingList(fromGemini: data, model: "text-embedding-004"))
        #expect(list["object"] == .string("list"))
        #expect(list["model"] == .string("text-embedding-004"))
        #expect(
            list["data"]
                == .array([
                    .object(["object": .string("embedding"), "index": .int(0), "embedding": .array([.double(0.25), .double(-0.5)])]),
                    .object(["object": .string("embedding"), "index": .int(1), "embedding": .array([.int(1), .int(0)])]),
                ]))
        #expect(list["usage"]?["prompt_tokens"] == .int(0))
    }
}
