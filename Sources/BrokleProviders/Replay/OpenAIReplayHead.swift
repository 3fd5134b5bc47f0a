import BrokleCore

/// What an OpenAI answer carries once and each of its stream chunks repeats: `id`, `created`,
/// `model` and the rest (`system_fingerprint`, `service_tier`, a compatible upstream's own fields),
/// kept as they came. Shared by the chat and legacy completion replays.
struct OpenAIReplayHead {
    var id: JSONValue?
    var created: JSONValue?
    var model: JSONValue?
    var rest: [(String, ReplayJSON.Node)]

    /// The finish reasons of an answer that ended normally: a stop (or stop sequence) or the token limit.
    static let finishReasons: Set<String> = ["stop", "length"]

    /// Fields written apart, or per chunk only (`obfuscation`: padding OpenAI adds to each chunk).
    private static let known: Set<String> = ["id", "object", "created", "model", "choices", "usage", "obfuscation", "error"]

    init(_ object: [String: JSONValue]) {
        id = object["id"]
        created = object["created"]
        model = object["model"]
        rest = ReplayJSON.rest(of: object, without: Self.known)
    }

    /// A whole answer, in OpenAI's order: id, object, created, model, choices, usage, the rest.
    func whole(object: String, choice: ReplayJSON.Node, usage: JSONValue?) -> [UInt8] {
        var fields = start(object: object)
        fields.append(("choices", .array([choice])))
        if let usage { fields.append(("usage", .value(usage))) }
        return ReplayJSON.bytes(.object(fields + rest))
    }

    /// A stream chunk, in OpenAI's order: id, object, created, model, the rest, choices, usage
    /// (`null` on every chunk but the last when the stream reports usage, as OpenAI sends it).
    func chunk(object: String, choices: [ReplayJSON.Node], usage: JSONValue?) -> ReplayEvent {
        var fields = start(object: object) + rest
        fields.append(("choices", .array(choices)))
        if let usage { fields.append(("usage", .value(usage))) }
        return ReplayEvent(data: ReplayJSON.text(.object(fields)))
    }

    private func start(object: String) -> [(String, ReplayJSON.Node)] {
        var fields: [(String, ReplayJSON.Node)] = []
        if let id { fields.append(("id", .value(id))) }
        fields.append(("object", .value(.string(object))))
        if let created { fields.append(("created", .value(created))) }
        if let model { fields.append(("model", .value(model))) }
        return fields
    }
}
