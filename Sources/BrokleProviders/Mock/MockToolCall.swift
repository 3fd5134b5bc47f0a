import BrokleCore
import Foundation

/// The mock's turn in an agent loop, for a chat request that offers function tools (and whose
/// `tool_choice` is not `"none"`): one call to the tool `tool_choice` names, else to the first
/// function tool, with arguments drawn from the prompt to fit the tool's JSON schema; or, once the
/// conversation ends with the tool's result, a text answer citing it. The same request always gives
/// the same turn, so agent loops run offline in tests and demos.
enum MockToolTurn: Equatable {
    case call(MockToolCall)
    /// The answer to a tool result: `The tool returned: …`.
    case citation(String)

    /// The longest text the mock copies from a prompt or a tool result, in characters.
    static let maxCopied = 200

    /// nil when the request offers no function tool, or `tool_choice` is `"none"`: the mock then
    /// answers as it does without tools.
    init?(_ request: MockRequest, requestID: String) {
        let tools = Self.functionTools(request.tools)
        guard !tools.isEmpty, request.toolChoice?.stringValue != "none" else { return nil }
        if let result = request.trailingToolResult {
            let text = result.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                self = .citation("The tool returned nothing.")
                return
            }
            let capped = text.count > Self.maxCopied ? String(text.prefix(Self.maxCopied)) + "…" : text
            self = .citation("The tool returned: " + capped)
            return
        }
        let named = request.toolChoice?["function"]?["name"]?.stringValue
        let tool = tools.first { $0.name == named } ?? tools[0]
        let prompt = String(request.lastUserText.trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.maxCopied))
        self = .call(
            MockToolCall(
                id: MockToolCall.id(requestID: requestID), name: tool.name,
                arguments: MockToolArguments.json(schema: tool.parameters, prompt: prompt)))
    }

    /// The `{"type":"function","function":{"name",…}}` entries of `tools` (a missing `type` is
    /// taken as a function); anything else in the list is skipped.
    static func functionTools(_ tools: JSONValue?) -> [(name: String, parameters: JSONValue?)] {
        guard case .array(let entries)? = tools else { return [] }
        return entries.compactMap { entry in
            guard entry["type"] == nil || entry["type"] == .string("function"),
                let function = entry["function"], let name = function["name"]?.stringValue, !name.isEmpty
            else { return nil }
            return (name, function["parameters"])
        }
    }
}

/// One tool call as the mock makes it.
struct MockToolCall: Equatable {
    var id: String
    var name: String
    /// A compact JSON object, as `function.arguments` carries it.
    var arguments: String

    /// `call_` and 24 hex digits drawn from the request id: a retried request keeps its call id.
    static func id(requestID: String) -> String {
        var random = SeededRandom(seed: SeededRandom.seed(requestID))
        var digits: [UInt8] = []
        Hex.append(random.next(), to: &digits)
        Hex.append(random.next(), to: &digits)
        return "call_" + String(decoding: digits.prefix(24), as: UTF8.self)
    }

    /// The arguments in stream fragments, as a model writes them: a piece ends after a `:` or `,`
    /// between values, after a space inside a string, or at 24 characters. Their number is the
    /// call's completion tokens, streamed or not.
    var argumentPieces: [String] {
        var pieces: [String] = []
        var piece = ""
        var inString = false
        var escaped = false
        for character in arguments {
            piece.append(character)
            var ends = piece.count >= 24
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                } else if character == " " {
                    ends = true
                }
            } else if character == "\"" {
                inString = true
            } else if character == ":" || character == "," {
                ends = true
            }
            if ends {
                pieces.append(piece)
                piece = ""
            }
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }
}
