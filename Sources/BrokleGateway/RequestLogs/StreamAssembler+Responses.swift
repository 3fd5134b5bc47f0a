/// Responses API events assembled: the `response` of its last event (`response.completed`,
/// `response.incomplete` or `response.failed`, which holds the whole answer); until it comes, the
/// text deltas, for a stream cut before it. Once it has come the deltas are let go: one copy.
/// What is kept is bounded by the capture's cap: the final `response` is copied up to the cap (the
/// rest only counted, as the stored answer is cut there anyway), the head's only as far as it fits.
struct ResponsesStreamAnswer {
    /// The last event's `response`, up to the cap.
    var final: [UInt8]?
    /// `final` is the whole `response` (not cut at the cap).
    var finalIsWhole = true
    /// The last `response.created` or `.in_progress` event's `response`: its members as they came
    /// (`"key":value`, joined by commas) but `status` and `output`, those that fit the cap.
    var started: [UInt8]?
    /// The text deltas' text (``JSONText``), until the last event.
    var text: [UInt8] = []

    /// Takes one event (the members of its top-level object, `event`); an error event (its `error`) is the caller's.
    mutating func take(_ json: EventJSON, _ event: Range<Int>, budget: inout ContentBudget, error: inout Range<Int>?) -> Bool {
        var type: Range<Int>?, delta: Range<Int>?, response: Range<Int>?
        let readable = json.forEachMember(of: event) { key, value in
            if json.matches(key, "type") {
                type = json.stringContent(value)
            } else if json.matches(key, "error") {
                if json.isValue(value) { error = value }
            } else if json.matches(key, "delta") {
                delta = value
            } else if json.matches(key, "response") {
                response = value
            }
        }
        guard readable, error == nil, let type else { return readable }
        if json.matches(type, "response.output_text.delta") {
            if final == nil, let piece = json.stringContent(delta) { budget.append(json.slice(piece), to: &text) }
        } else if json.matches(type, "response.completed") || json.matches(type, "response.incomplete")
            || json.matches(type, "response.failed")
        {
            guard let response, json.isObject(response) else { return true }
            budget = ContentBudget(limit: budget.limit)
            text = []
            finalIsWhole = response.count <= budget.limit
            var end = response.upperBound
            if !finalIsWhole {
                // Cut where the stored answer would be cut: on a character's first byte.
                end = response.lowerBound + max(0, budget.limit)
                while end > response.lowerBound, json.bytes[end] & 0xC0 == 0x80 { end -= 1 }
                budget.drop(response.upperBound - end)
            }
            final = Array(json.slice(response.lowerBound..<end))
        } else if json.matches(type, "response.created") || json.matches(type, "response.in_progress") {
            guard let response, json.isObject(response) else { return true }
            var kept: [UInt8] = []
            json.forEachMember(of: response) { key, value in
                guard !json.matches(key, "status"), !json.matches(key, "output"),
                    kept.count + key.count + value.count + 4 <= budget.limit
                else { return }
                kept.writeKey(json.slice(key))
                kept.append(contentsOf: json.slice(value))
            }
            started = kept
        }
        return true
    }

    var retainedBytes: Int { (final?.count ?? 0) + (started?.count ?? 0) + text.count }

    /// The last event's `response`; for a stream cut before it, a `response` with `status:
    /// "incomplete"` whose one message holds the text so far. `error`, an in-band error event's,
    /// is added to a whole one.
    func write(into out: inout [UInt8], error: [UInt8]?) {
        if let final {
            out.append(contentsOf: final)
            guard let error, finalIsWhole else { return }
            out.removeLast()
            while !out.isEmpty, [0x20, 0x0A, 0x0D, 0x09].contains(out[out.count - 1]) { out.removeLast() }
            out.writeKey("error")
            out.append(contentsOf: error)
            out.write("}")
            return
        }
        out.write("{")
        if let started { out.append(contentsOf: started) } else { out.write(#""object":"response""#) }
        out.writeKey("output")
        out.write(#"[{"content":[{"text":"#)
        out.writeString(text)
        out.write(#","type":"output_text"}],"role":"assistant","type":"message"}]"#)
        out.writeKey("status")
        out.write(#""incomplete""#)
        if let error {
            out.writeKey("error")
            out.append(contentsOf: error)
        }
        out.write("}")
    }
}
