import BrokleCore
import Foundation

/// OpenAI-shaped response bodies, written as text so their layout matches the real API's.
package enum MockResponses {
    struct Usage {
        var prompt: Int
        var completion: Int
        var json: String {
            #"{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion),"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}"#
        }
    }

    package static func string(_ text: String) -> String {
        String(decoding: JSONScanner.encodeString(text), as: UTF8.self)
    }

    static func chat(id: String, created: Int, model: String, text: String, usage: Usage) -> String {
        #"{"id":\#(string(id)),"object":"chat.completion","created":\#(created),"model":\#(string(model)),"choices":[{"index":0,"message":{"role":"assistant","content":\#(string(text)),"refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":\#(usage.json),"system_fingerprint":null}"#
    }

    static func completion(id: String, created: Int, model: String, text: String, usage: Usage) -> String {
        #"{"id":\#(string(id)),"object":"text_completion","created":\#(created),"model":\#(string(model)),"choices":[{"text":\#(string(text)),"index":0,"logprobs":null,"finish_reason":"stop"}],"usage":\#(usage.json)}"#
    }

    /// The data of each SSE event, ending with `[DONE]`; with `usage`, the final usage chunk too.
    static func streamEvents(endpoint: Endpoint, id: String, created: Int, model: String, pieces: [String], usage: Usage?) -> [String] {
        let usageField = usage == nil ? "" : #","usage":null"#
        var events: [String] = []
        if endpoint == .chatCompletions {
            let head = chatChunkHead(id: id, created: created, model: model)
            events.append(
                head + #"[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]"#
                    + usageField + "}")
            for piece in pieces {
                events.append(
                    head + #"[{"index":0,"delta":{"content":\#(string(piece))},"logprobs":null,"finish_reason":null}]"# + usageField + "}")
            }
            events.append(head + #"[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]"# + usageField + "}")
            if let usage { events.append(head + #"[],"usage":\#(usage.json)}"#) }
        } else {
            let head = #"{"id":\#(string(id)),"object":"text_completion","created":\#(created),"model":\#(string(model)),"choices":"#
            for piece in pieces {
                events.append(head + #"[{"text":\#(string(piece)),"index":0,"logprobs":null,"finish_reason":null}]"# + usageField + "}")
            }
            events.append(head + #"[{"text":"","index":0,"logprobs":null,"finish_reason":"stop"}]"# + usageField + "}")
            if let usage { events.append(head + #"[],"usage":\#(usage.json)}"#) }
        }
        events.append("[DONE]")
        return events
    }

    /// A `chat.completion.chunk` up to its `choices` value.
    static func chatChunkHead(id: String, created: Int, model: String) -> String {
        #"{"id":\#(string(id)),"object":"chat.completion.chunk","created":\#(created),"model":\#(string(model)),"system_fingerprint":null,"choices":"#
    }

    /// Deterministic unit-ish vectors; base64 is little-endian float32, as the OpenAI API sends it.
    static func embeddings(model: String, count: Int, dimensions: Int, base64: Bool, seed: UInt64, usage: Usage) -> String {
        var items: [String] = []
        for index in 0..<count {
            var random = SeededRandom(seed: seed &+ UInt64(index))
            let vector = (0..<dimensions).map { _ in Float(random.unit() * 2 - 1) }
            let embedding: String
            if base64 {
                var bytes: [UInt8] = []
                for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
                embedding = string(Data(bytes).base64EncodedString())
            } else {
                embedding = "[" + vector.map { String($0) }.joined(separator: ",") + "]"
            }
            items.append(#"{"object":"embedding","index":\#(index),"embedding":\#(embedding)}"#)
        }
        return
            #"{"object":"list","data":[\#(items.joined(separator: ","))],"model":\#(string(model)),"usage":{"prompt_tokens":\#(usage.prompt),"total_tokens":\#(usage.prompt)}}"#
    }
}
