import BrokleCore
import Foundation

extension GeminiRequestMapping {
    /// Builds Gemini's contents message by message, remembering tool call names for tool results.
    struct Conversation {
        var system: [GeminiWire.Part] = []
        var contents: [GeminiWire.Content] = []
        /// Tool call id → function name, from earlier assistant messages (later ids win).
        var toolNames: [String: String] = [:]

        mutating func add(_ message: JSONValue, at index: Int) throws {
            let role = message["role"]?.stringValue ?? ""
            let content = message["content"]
            switch role {
            case "system", "developer":
                system += try GeminiRequestMapping.parts(content, at: index).filter { $0.text != nil }
            case "user":
                let parts = try GeminiRequestMapping.parts(content, at: index)
                if !parts.isEmpty { contents.append(.init(role: "user", parts: parts)) }
            case "assistant":
                var parts = try GeminiRequestMapping.parts(content, at: index).filter { $0.text != nil }
                parts += try functionCalls(message["tool_calls"], at: index)
                if !parts.isEmpty { contents.append(.init(role: "model", parts: parts)) }
            case "tool", "function":
                let name: String
                if role == "function" {
                    name = message["name"]?.stringValue ?? ""
                } else {
                    let id = message["tool_call_id"]?.stringValue ?? ""
                    guard let known = toolNames[id] else {
                        throw GatewayError.invalidRequest(
                            "messages[\(index)]: tool_call_id '\(id)' does not match a tool call of an earlier assistant message.",
                            param: "messages"
                        )
                    }
                    name = known
                }
                let part = GeminiWire.Part(
                    functionResponse: .init(name: name, response: .object(["content": GeminiRequestMapping.toolResult(content)])))
                // Gemini wants all results of one model turn's calls in one user turn.
                if let last = contents.last, last.role == "user", let parts = last.parts, parts.allSatisfy({ $0.functionResponse != nil }) {
                    contents[contents.count - 1].parts = parts + [part]
                } else {
                    contents.append(.init(role: "user", parts: [part]))
                }
            default:
                throw GatewayError.invalidRequest("messages[\(index)]: unknown role '\(role)'.", param: "messages")
            }
        }

        private mutating func functionCalls(_ calls: JSONValue?, at index: Int) throws -> [GeminiWire.Part] {
            guard case .array(let list)? = calls else { return [] }
            return try list.map { call in
                guard let function = call["function"], let name = function["name"]?.stringValue else {
                    throw GatewayError.invalidRequest("messages[\(index)]: a tool call has no function name.", param: "messages")
                }
                let id = call["id"]?.stringValue ?? ""
                toolNames[id] = name
                let arguments = function["arguments"]?.stringValue ?? ""
                let args: JSONValue
                if arguments.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    args = .object([:])
                } else if let parsed = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: arguments.utf8), case .object = parsed {
                    args = parsed
                } else {
                    throw GatewayError.invalidRequest(
                        "messages[\(index)]: the arguments of tool call '\(id)' are not a JSON object.", param: "messages")
                }
                return GeminiWire.Part(thoughtSignature: GeminiToolCallID.signature(in: id), functionCall: .init(name: name, args: args))
            }
        }
    }

    /// A message's `content` (a string or an array of typed parts) as Gemini parts.
    static func parts(_ content: JSONValue?, at index: Int) throws -> [GeminiWire.Part] {
        switch content {
        case nil, .null?: return []
        case .string(let text)?: return text.isEmpty ? [] : [.init(text: text)]
        case .array(let items)?: return try items.compactMap { try part($0, at: index) }
        default: throw GatewayError.invalidRequest("messages[\(index)].content must be a string or an array.", param: "messages")
        }
    }

    private static func part(_ item: JSONValue, at index: Int) throws -> GeminiWire.Part? {
        switch item["type"]?.stringValue {
        case "text":
            return item["text"]?.stringValue.map { .init(text: $0) }
        case "refusal":
            return nil
        case "image_url":
            let url = item["image_url"]?["url"]?.stringValue ?? item["image_url"]?.stringValue ?? ""
            return try media(url: url, at: index)
        case "input_audio":
            guard let data = item["input_audio"]?["data"]?.stringValue else { return nil }
            let format = item["input_audio"]?["format"]?.stringValue ?? "wav"
            return .init(inlineData: .init(mimeType: "audio/\(format == "mp3" ? "mpeg" : format)", data: data))
        case "file":
            guard let url = item["file"]?["file_data"]?.stringValue else {
                throw GatewayError.invalidRequest(
                    "messages[\(index)]: only inline file parts (file_data) are supported by Gemini.", param: "messages")
            }
            return try media(url: url, at: index)
        default:
            throw GatewayError.invalidRequest(
                "messages[\(index)]: unsupported content part type '\(item["type"]?.stringValue ?? "")'.", param: "messages")
        }
    }

    /// `data:<mime>;base64,<bytes>` → inline data; an http(s) URL → file data Gemini fetches.
    private static func media(url: String, at index: Int) throws -> GeminiWire.Part {
        if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
            let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
            guard header.hasSuffix(";base64") else {
                throw GatewayError.invalidRequest("messages[\(index)]: data URLs must be base64-encoded.", param: "messages")
            }
            let mime = header.dropLast(";base64".count)
            return .init(
                inlineData: .init(
                    mimeType: mime.isEmpty ? "application/octet-stream" : String(mime), data: String(url[url.index(after: comma)...])))
        }
        if url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("gs://") {
            return .init(fileData: .init(mimeType: mimeType(ofURL: url), fileUri: url))
        }
        throw GatewayError.invalidRequest("messages[\(index)]: image URLs must be data: or http(s) URLs.", param: "messages")
    }

    /// The MIME type from a URL's extension, when it is a common one (Gemini may need it).
    static func mimeType(ofURL url: String) -> String? {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        switch path.split(separator: ".").last?.lowercased() {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "webp": return "image/webp"
        case "gif": return "image/gif"
        case "heic": return "image/heic"
        case "pdf": return "application/pdf"
        case "mp3": return "audio/mpeg"
        case "wav": return "audio/wav"
        case "mp4": return "video/mp4"
        default: return nil
        }
    }

    /// A tool message's text; a JSON object or array is passed as structured JSON, anything else
    /// as the string.
    static func toolResult(_ content: JSONValue?) -> JSONValue {
        let text: String
        switch content {
        case .string(let string)?: text = string
        case .array(let items)?: text = items.compactMap { $0["text"]?.stringValue }.joined()
        default: text = ""
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("["),
            let parsed = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: trimmed.utf8)
        {
            return parsed
        }
        return .string(text)
    }
}
