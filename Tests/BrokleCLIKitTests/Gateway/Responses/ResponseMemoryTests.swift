@testable import BrokleGateway
@testable import BrokleStorage
import Foundation
import Hummingbird
@testable import BrokleCore
import Testing

/// What the gateway holds of stored responses: unwritten ones are never evicted, a deletion during
/// a write is reported so its row goes again, and the written ones stay within the budget.
@Suite struct ResponseMemoryTests {
    static func response(_ id: String, bytes: Int = 100, environment: String = "env-1") -> StoredResponse {
        var response = ResponseStoreTests.response(id, environment: environment, expiresIn: 86_400 * 365 * 20)
        response.response = Array(repeating: UInt8(ascii: "x"), count: bytes)
        return response
    }

    @Test func unwrittenResponsesSurviveAnyBudget() {
        var memory = ResponseMemory(budget: 1_000)
        for index in 0..<20 { memory.keep(Self.response("resp_\(index)")) }
        #expect(memory.pending.count == 20)
        #expect((0..<20).allSatisfy { memory.response("resp_\($0)", environmentID: "env-1", now: Date()) != nil })
        #expect(memory.response("resp_3", environmentID: "env-2", now: Date()) == nil)

        let batch = Array(memory.batch(limit: 15))
        memory.drop("resp_4")  // deleted while its batch was written
        let gone = memory.written(batch)
        #expect(gone.map(\.id) == ["resp_4"])
        #expect(memory.pending.map(\.id) == (15..<20).map { "resp_\($0)" })
        #expect(memory.pendingBytes == memory.pending.reduce(0) { $0 + $1.bytes })

        memory.keep(Self.response("resp_new"))  // past the budget: written ones go first
        #expect(memory.bytes <= 1_000 || memory.bytes == memory.pendingBytes)
        #expect(memory.response("resp_new", environmentID: "env-1", now: Date()) != nil)
        #expect((15..<20).allSatisfy { memory.response("resp_\($0)", environmentID: "env-1", now: Date()) != nil })
    }
}

/// The input items of a stored response, paged as OpenAI pages them.
@Suite struct InputItemsPageTests {
    static let items: [JSONValue] = (0..<5).map { index in
        .object(["role": .string(index % 2 == 0 ? "user" : "assistant"), "content": .string("turn \(index)")])
    }

    static func page(_ query: [String: String]) throws -> JSONValue {
        var parameters = Parameters()
        for (name, value) in query { parameters[Substring(name)] = Substring(value) }
        let bytes = try InputItemsPage(query: parameters).list(items, responseID: "resp_abc")
        return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    @Test func newestFirstInPagesWithStableCursors() throws {
        let first = try Self.page(["limit": "2"])
        #expect(first["data"]?.elements.map { $0["id"] } == [.string("msg_abc_in4"), .string("msg_abc_in3")])
        #expect(first["has_more"] == .bool(true) && first["last_id"] == .string("msg_abc_in3"))
        let second = try Self.page(["limit": "2", "after": "msg_abc_in3"])
        #expect(second["data"]?.elements.map { $0["id"] } == [.string("msg_abc_in2"), .string("msg_abc_in1")])
        let last = try Self.page(["order": "asc", "after": "msg_abc_in3"])
        #expect(last["data"]?.elements.count == 1 && last["has_more"] == .bool(false))
        let item = try #require(first["data"]?.elements.last)
        #expect(item["type"] == .string("message"))
        #expect(item["content"] == .array([.object(["type": .string("output_text"), "text": .string("turn 3")])]))
        #expect(throws: GatewayError.self) { try Self.page(["limit": "101"]) }
        #expect(throws: GatewayError.self) { try Self.page(["order": "sideways"]) }
    }
}
