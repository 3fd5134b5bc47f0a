@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import PropertyBased
import Testing

/// Seeded property checks of `/v1/messages`' request translation (Anthropic in, OpenAI chat out).
@Suite struct AnthropicInboundPropertyTests {
    struct Request: Sendable, CustomTestStringConvertible {
        var json: JSONValue
        var bytes: [UInt8] { Array((try? JSONEncoder().encode(json)) ?? Data()) }
        var testDescription: String { String(decoding: bytes.prefix(2000), as: UTF8.self) }
    }

    /// Requests of every shape a client can send: right and wrong types, missing fields, every
    /// block kind, tools and tool choices, and sometimes a value nested past the limit.
    static func request(_ fuzz: inout Fuzz) -> Request {
        func text(_ fuzz: inout Fuzz) -> JSONValue { .string(fuzz.pick(["", "hi", "Paris?", "é😀", "{\"a\":[1]}", "\n"])) }
        func deep(_ fuzz: inout Fuzz, _ levels: Int) -> JSONValue {
            (0..<levels).reduce(JSONValue.string("leaf")) { inner, _ in fuzz.chance(0.5) ? .array([inner]) : .object(["k": inner]) }
        }
        func block(_ fuzz: inout Fuzz, nested: Bool) -> JSONValue {
            switch fuzz.pick(["text", "image", "tool_use", "tool_result", "thinking", "document", "bogus", "missing"]) {
            case "text": return .object(["type": .string("text"), "text": fuzz.chance(0.9) ? text(&fuzz) : .int(3)])
            case "image":
                return .object([
                    "type": .string("image"),
                    "source": .object(
                        fuzz.chance(0.5)
                            ? ["type": .string("base64"), "media_type": .string("image/png"), "data": .string("AAAA")]
                            : ["type": .string("url"), "url": .string("https://x/y.png")]),
                ])
            case "tool_use":
                var fields: [String: JSONValue] = [
                    "type": .string("tool_use"), "id": .string("toolu_\(fuzz.int(0...3))"), "name": .string("f"),
                ]
                if fuzz.chance(0.7) { fields["input"] = fuzz.chance(0.8) ? deep(&fuzz, fuzz.int(0...6)) : .string("x") }
                return .object(fields)
            case "tool_result":
                var fields: [String: JSONValue] = ["type": .string("tool_result"), "tool_use_id": .string("toolu_\(fuzz.int(0...3))")]
                if fuzz.chance(0.7) { fields["content"] = nested && fuzz.chance(0.5) ? .array([block(&fuzz, nested: false)]) : text(&fuzz) }
                if fuzz.chance(0.3) { fields["is_error"] = .bool(true) }
                return .object(fields)
            case "thinking": return .object(["type": .string("thinking"), "thinking": text(&fuzz)])
            case "document", "bogus": return .object(["type": .string(fuzz.pick(["document", "server_tool_use", "zzz"]))])
            default: return .object(["text": text(&fuzz)])
            }
        }
        func content(_ fuzz: inout Fuzz) -> JSONValue {
            fuzz.chance(0.4) ? text(&fuzz) : .array((0..<fuzz.int(0...4)).map { _ in block(&fuzz, nested: true) })
        }
        var root: [String: JSONValue] = [:]
        if fuzz.chance(0.9) { root["model"] = fuzz.chance(0.9) ? .string(fuzz.pick(["mock-chat", "claude-x", "", "a\"b"])) : .int(1) }
        if fuzz.chance(0.9) { root["max_tokens"] = fuzz.chance(0.9) ? .int(fuzz.int(1...4096)) : .string("many") }
        if fuzz.chance(0.9) {
            root["messages"] =
                fuzz.chance(0.95)
                ? .array(
                    (0..<fuzz.int(0...5)).map { _ in
                        .object(["role": .string(fuzz.pick(["user", "assistant", "system", "tool"])), "content": content(&fuzz)])
                    }) : .string("hello")
        }
        if fuzz.chance(0.3) { root["system"] = content(&fuzz) }
        if fuzz.chance(0.3) {
            root["tools"] = .array(
                (0..<fuzz.int(0...3)).map { index in
                    var tool: [String: JSONValue] = ["name": .string("tool\(index)")]
                    if fuzz.chance(0.8) {
                        tool["input_schema"] = .object(["type": .string("object"), "properties": deep(&fuzz, fuzz.int(0...5))])
                    }
                    if fuzz.chance(0.5) { tool["description"] = text(&fuzz) }
                    return .object(tool)
                })
        }
        if fuzz.chance(0.3) {
            root["tool_choice"] = .object([
                "type": .string(fuzz.pick(["auto", "any", "none", "tool", "weird"])), "name": .string("tool0"),
                "disable_parallel_tool_use": .bool(fuzz.chance(0.5)),
            ])
        }
        if fuzz.chance(0.4) { root["stream"] = fuzz.chance(0.9) ? .bool(fuzz.chance(0.5)) : .string("yes") }
        if fuzz.chance(0.2) { root["temperature"] = .double(0.5) }
        if fuzz.chance(0.2) { root["stop_sequences"] = .array([.string("END")]) }
        if fuzz.chance(0.2) { root["metadata"] = .object(["user_id": .string("u1")]) }
        if fuzz.chance(0.2) { root["x_extra"] = deep(&fuzz, fuzz.int(100...160)) }
        return Request(json: .object(root))
    }

    /// A request translates to a chat body the gateway can route (same model, same stream flag,
    /// usage asked for when streaming), or is answered with a 400; a request nested past the
    /// limit is always refused as such.
    @Test func everyRequestTranslatesOrIsA400() async throws {
        await propertyCheck(count: 300, input: Fuzz.generator { Self.request(&$0) }) { request in
            let bytes = request.bytes
            let depth = JSONNesting.depth(of: bytes)
            do throws(GatewayError) {
                let chat = try AnthropicInbound.chatRequest(fromMessages: bytes)
                #expect(depth <= JSONNesting.maxDepth)
                #expect(request.json["model"] == .string(chat.model))
                #expect(chat.stream == (request.json["stream"] == .bool(true)))
                if depth < JSONNesting.maxDepth {
                    // Translating adds at most one level (a tool schema moves under `function`).
                    let inspector = try RequestInspector(chat.body)
                    #expect(inspector.string("model") == chat.model)
                    #expect(inspector.has("messages"))
                    #expect(inspector.clientWantsStreamUsage == chat.stream)
                }
            } catch {
                #expect(error.status == 400 && error.type == "invalid_request_error", "\(error)")
                if depth > JSONNesting.maxDepth { #expect(error == .nestedTooDeep) }
            }
        }
    }

    /// Damaged request bytes: a 400, never a crash.
    @Test func damagedRequestsAreA400() async {
        let input = Fuzz.generator { fuzz -> [UInt8] in
            let valid = Self.request(&fuzz).bytes
            return fuzz.mutate(valid, alphabet: Fuzz.jsonAlphabet)
        }
        await propertyCheck(count: 300, input: input) { bytes in
            do throws(GatewayError) {
                _ = try AnthropicInbound.chatRequest(fromMessages: bytes)
            } catch {
                #expect(error.status == 400 && error.type == "invalid_request_error")
            }
        }
    }
}
