/// One kind of proxied request whose allocations are counted: an endpoint and body, sent through
/// one of the bench's gateways (OpenTelemetry export off or on, content capture on).
struct AllocationScenario: Sendable {
    /// The gateways of the bench, alike but for one setting.
    enum Gateway: Hashable, CaseIterable, Sendable {
        case plain
        /// OpenTelemetry export on.
        case export
        /// Content capture on (`BROKLE_LOG_CONTENT=full`).
        case content
    }

    var name: String
    var path: String
    /// The body of request `index` (distinct bodies make every request a cache miss).
    var body: @Sendable (_ index: Int) -> String
    var gateway: Gateway = .plain

    /// What `make test` holds to a ceiling: whole and streamed, chat, messages and responses, cache
    /// hit and miss, export off and on, streams with their content kept (assembled for the trace). The responses scenarios ask `store: false` (what is
    /// measured is the translation, or the pass-through to a provider that speaks the API), but
    /// for `responses_store`, whose answer is kept and written to the database; the guardrails
    /// scenarios mask a prompt and screen the answer.
    static let all: [AllocationScenario] = [
        AllocationScenario(name: "chat", path: "/v1/chat/completions") { _ in chat(model: "bench") },
        AllocationScenario(name: "chat_stream", path: "/v1/chat/completions") { _ in chat(model: "bench", stream: true) },
        AllocationScenario(name: "messages", path: "/v1/messages") { _ in messages(stream: false) },
        AllocationScenario(name: "messages_stream", path: "/v1/messages") { _ in messages(stream: true) },
        AllocationScenario(name: "cache_hit", path: "/v1/chat/completions") { _ in chat(model: "bench-cached") },
        AllocationScenario(name: "cache_miss", path: "/v1/chat/completions") { index in
            chat(model: "bench-cached", text: "question number \(index)")
        },
        AllocationScenario(name: "chat_export", path: "/v1/chat/completions", body: { _ in chat(model: "bench") }, gateway: .export),
        AllocationScenario(
            name: "chat_stream_export", path: "/v1/chat/completions", body: { _ in chat(model: "bench", stream: true) }, gateway: .export),
        AllocationScenario(name: "responses", path: "/v1/responses") { _ in responses(model: "bench") },
        AllocationScenario(name: "responses_stream", path: "/v1/responses") { _ in responses(model: "bench", stream: true) },
        AllocationScenario(name: "responses_passthrough", path: "/v1/responses") { _ in responses(model: "bench-responses") },
        AllocationScenario(name: "responses_store", path: "/v1/responses") { _ in responses(model: "bench", store: true) },
        AllocationScenario(name: "chat_guardrails", path: "/v1/chat/completions") { _ in chat(model: "bench-guarded", text: guarded) },
        AllocationScenario(name: "chat_stream_guardrails", path: "/v1/chat/completions") { _ in
            chat(model: "bench-guarded", stream: true, text: guarded)
        },
        AllocationScenario(
            name: "chat_stream_content", path: "/v1/chat/completions", body: { _ in chat(model: "bench", stream: true) }, gateway: .content),
        AllocationScenario(name: "messages_stream_content", path: "/v1/messages", body: { _ in messages(stream: true) }, gateway: .content),
        AllocationScenario(
            name: "responses_stream_content", path: "/v1/responses", body: { _ in responses(model: "bench", stream: true) },
            gateway: .content),
    ]

    /// A prompt with two values to mask, screened both ways (`bench-guarded`: every entity masked
    /// on the way out, logged on the way back, placeholders restored).
    static let guarded = "Write to jane.doe@example.com or call +1 415 555 0100 about the order."

    static func chat(model: String, stream: Bool = false, text: String = "Say something short.") -> String {
        #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"\#(text)"}]}"#
    }

    static func messages(stream: Bool) -> String {
        #"{"model":"bench","max_tokens":64,"stream":\#(stream),"messages":[{"role":"user","content":"Say something short."}]}"#
    }

    static func responses(model: String, stream: Bool = false, store: Bool = false) -> String {
        #"{"model":"\#(model)","stream":\#(stream),"store":\#(store),"input":"Say something short."}"#
    }

    /// The bytes of request `index` for `key`.
    func request(_ index: Int, key: String) -> [UInt8] {
        let body = self.body(index)
        return Array(
            ("POST \(path) HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer \(key)\r\ncontent-type: application/json\r\n"
                + "content-length: \(body.utf8.count)\r\n\r\n\(body)").utf8)
    }
}
