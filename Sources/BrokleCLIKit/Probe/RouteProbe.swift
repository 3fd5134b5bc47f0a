import BrokleCore
import BrokleProviders
import BrokleTransport
import Foundation
import NIOCore

/// The live check of `brokle route test`: a minimal chat request ("ping", at most 5 tokens) sent to
/// route candidates through the same provider adapters and deadline as the gateway, noting the HTTP
/// status, the time it took and, for a failure, the provider's message (with its secrets scrubbed).
package struct RouteProbe: Sendable {
    /// What one candidate answered; `status` and `latencyMs` stay nil when nothing could be sent.
    package struct Outcome: Sendable, Equatable {
        package var status: Int?
        package var latencyMs: Double?
        package var error: String?
    }

    package var catalog: ProviderCatalog
    /// Longest one probe may take, in seconds (the route's attempt timeout).
    package var timeout: Double

    package init(catalog: ProviderCatalog, timeout: Double) {
        self.catalog = catalog
        self.timeout = timeout
    }

    /// Probes each target in order, one at a time, over one HTTP client closed at the end.
    package func run(_ targets: [RouteTarget]) async throws -> [Outcome] {
        let client = UpstreamClient()
        let registry = ProviderRegistry(catalog: catalog, client: client)
        var outcomes: [Outcome] = []
        do {
            for target in targets {
                outcomes.append(try await probe(target, registry: registry))
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
        return outcomes
    }

    private func probe(_ target: RouteTarget, registry: ProviderRegistry) async throws -> Outcome {
        guard let adapter = registry[target.provider] else {
            let kind = catalog.provider(named: target.provider)?.kindName ?? "unknown"
            return Outcome(error: "provider kind \(kind) is not available in this build")
        }
        var request = UpstreamRequest(
            endpoint: .chatCompletions, body: ByteBuffer(bytes: try Self.body(model: target.model)), upstreamModel: target.model,
            stream: false, includeUsage: false, requestID: "route-test-\(UUID().uuidString.lowercased().prefix(8))"
        )
        request.timeout = timeout
        var outcome = Outcome()
        let started = ContinuousClock.now
        do {
            let reply = try await adapter.send(request)
            if case .complete(let status, let body, _) = reply {
                outcome.status = status
                if !(200..<300).contains(status) {
                    outcome.error =
                        OpenAIWire.error(status: status, body: body, provider: target.provider, secrets: adapter.secrets).message
                }
            } else {
                outcome.status = 200
            }
        } catch let error as GatewayError {
            outcome.status = error.status
            outcome.error = error.message
        }
        outcome.latencyMs = ((ContinuousClock.now - started).milliseconds * 1000).rounded() / 1000
        return outcome
    }

    /// The probe's OpenAI chat body for `model`.
    static func body(model: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(PingRequest(model: model))
    }

    private struct PingRequest: Encodable {
        struct Message: Encodable {
            var role = "user"
            var content = "ping"
        }

        var model: String
        var messages = [Message()]
        var maxTokens = 5

        enum CodingKeys: String, CodingKey {
            case model, messages, maxTokens = "max_tokens"
        }
    }
}
