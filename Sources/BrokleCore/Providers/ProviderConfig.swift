import Foundation

/// One configured upstream: an HTTP API (OpenAI-compatible, Anthropic, Gemini, Azure) or the built-in mock.
package struct ProviderConfig: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// Any OpenAI-compatible API (presets such as groq or ollama resolve to this).
        case openai(HTTPSettings)
        /// Azure OpenAI: `{base}/openai/deployments/{model}/...?api-version=`, `api-key` header.
        case azure(HTTPSettings, apiVersion: String)
        /// Anthropic's Messages API.
        case anthropic(HTTPSettings)
        /// Google's Gemini API (generateContent).
        case gemini(HTTPSettings)
        case mock(MockSettings)
    }

    package struct HTTPSettings: Sendable, Equatable {
        /// Base URL up to the API version (`https://api.openai.com/v1`, `.../v1beta` for Gemini; Azure:
        /// the resource root).
        package var baseURL: String
        package var apiKey: String?
        package var headers: [String: String]
        package var timeout: TimeInterval
        /// Whether the API serves OpenAI's Responses API (`/responses`): a `/v1/responses` request
        /// then goes to it as the client sent it. OpenAI and Azure do; an OpenAI-compatible server
        /// (vLLM, ...) when its config says `responses_api: true`. Otherwise requests are translated
        /// to chat completions.
        package var speaksResponses = false
        /// Whether the API serves only the Responses API (`api: responses` in brokle.yaml: OpenAI's
        /// Responses-only models, a vLLM deployment set up that way): every chat completion to it is
        /// translated into a `/responses` call and its answer back into chat format
        /// (`BrokleProviders/Responses/ResponsesOutbound`); completions and embeddings are refused.
        /// Implies ``speaksResponses``.
        package var responsesOnly = false

        /// Sets ``responsesOnly``, and ``speaksResponses`` with it.
        package mutating func setResponsesOnly(_ only: Bool) {
            responsesOnly = only
            if only { speaksResponses = true }
        }

        /// What must never appear in a log or an error: the key and every configured header value.
        package var secrets: [String] { [apiKey].compactMap { $0 } + Array(headers.values) }

        package init(baseURL: String, apiKey: String?, headers: [String: String] = [:], timeout: TimeInterval = 600) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.headers = headers
            self.timeout = timeout
        }
    }

    /// The in-process fake provider: deterministic text, tunable speed, injected failures.
    package struct MockSettings: Sendable, Equatable {
        package enum Mode: String, Sendable, Equatable { case echo, lorem }
        package var mode: Mode = .lorem
        package var seed: UInt64 = 42
        /// Time before the first byte of a response.
        package var latency: TimeInterval = 0
        /// Time between stream chunks.
        package var chunkInterval: TimeInterval = 0
        /// Completion tokens per response (lorem mode); echo mode answers as long as the prompt.
        package var completionTokens: Int = 16
        /// Share of requests that fail with `errorStatus` (0 = none, 1 = all).
        package var errorRate: Double = 0
        package var errorStatus: Int = 503
        package var embeddingDimensions: Int = 8

        package init() {}
    }

    package var name: String
    package var kind: Kind
    /// The kind as written in brokle.yaml (`openai`, `groq`, `anthropic`, ...), for display.
    package var kindName: String

    package init(name: String, kind: Kind, kindName: String? = nil) {
        self.name = name
        self.kind = kind
        self.kindName =
            kindName
            ?? {
                switch kind {
                case .openai: "openai"
                case .azure: "azure"
                case .anthropic: "anthropic"
                case .gemini: "gemini"
                case .mock: "mock"
                }
            }()
    }
}
