@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
@testable import BrokleStorage
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle

/// A running gateway for one test: a fresh migrated database with org `acme`, project `web`,
/// environment `production`, a key for every model and one limited to `mock-*`; the gateway on a
/// free port; an HTTP client to call it.
struct GatewayHarness: Sendable {
    let baseURL: String
    let key: String
    let limitedKey: String
    let gateway: Gateway
    let database: Database

    static func catalog(upstreamPort: Int? = nil, mock: ProviderConfig.MockSettings = .init()) -> ProviderCatalog {
        var providers = [ProviderConfig(name: "mock", kind: .mock(mock))]
        var models = [
            ModelRoute(name: "mock-chat", provider: "mock", upstreamModel: "mock-chat"),
            ModelRoute(name: "mock-embed", provider: "mock", upstreamModel: "mock-embed"),
        ]
        if let upstreamPort {
            providers.append(
                ProviderConfig(
                    name: "local",
                    kind: .openai(
                        .init(
                            baseURL: "http://127.0.0.1:\(upstreamPort)/v1", apiKey: FakeUpstream.providerKey, timeout: 20
                        ))))
            providers.append(
                ProviderConfig(
                    name: "impatient",
                    kind: .openai(
                        .init(
                            baseURL: "http://127.0.0.1:\(upstreamPort)/v1", apiKey: nil, timeout: 1
                        ))))
            providers.append(ProviderConfig(name: "down", kind: .openai(.init(baseURL: "http://127.0.0.1:1/v1", apiKey: nil, timeout: 1))))
            models.append(ModelRoute(name: "fast", provider: "local", upstreamModel: "echo-body"))
        }
        return ProviderCatalog(providers: providers, models: models)
    }

    static func run(
        _ kind: TestDatabase = .sqlite, catalog: ProviderCatalog = catalog(),
        configure: (inout GatewaySettings) -> Void = { _ in },
        _ body: @Sendable (GatewayHarness) async throws -> Void
    ) async throws {
        try await kind.withMigrated { url, database in
            _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: false, by: .test)
            _ = try await ProjectStore(database).create(org: "acme", slug: "web", name: nil, ifNotExists: false, by: .test)
            let environment = try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
            let (_, key) = try await KeyStore(database).create(in: environment, name: "all", expiresAt: nil, models: nil, by: .test)
            let (_, limited) = try await KeyStore(database).create(
                in: environment, name: "mock-only", expiresAt: nil, models: [try ModelPattern("mock-*")], by: .test)

            var settings = GatewaySettings(host: "127.0.0.1", port: 0, catalog: catalog, catalogSource: "test")
            settings.traceFlushInterval = 0.05
            settings.trimsMemory = false  // a hundred gateways share this process's heap
            settings.spillDirectory =
                FileManager.default.temporaryDirectory.appendingPathComponent("brokle-spill-\(UUID().uuidString)").path
            settings.prices = try PriceBook.shipped()
            configure(&settings)
            let config = BrokleConfig(databaseURL: try DatabaseURL(parsing: url))
            let gateway = try await Gateway.start(config: config, settings: settings, logger: TestDatabase.logger)
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let group = ServiceGroup(
                configuration: .init(
                    services: [gateway.application(onListening: { continuation.yield($0) })], logger: TestDatabase.logger
                ))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                let port = await iterator.next() ?? 0
                let harness = GatewayHarness(
                    baseURL: "http://127.0.0.1:\(port)", key: key.text, limitedKey: limited.text, gateway: gateway, database: database
                )
                do {
                    try await body(harness)
                } catch {
                    await group.triggerGracefulShutdown()
                    await gateway.close()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await gateway.close()
        }
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) }
    }

    /// A whole request and response.
    func call(
        _ path: String, method: String = "POST", body: String? = nil, key: String? = nil, noAuth: Bool = false,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if !noAuth { request.headers.add(name: "authorization", value: "Bearer \(key ?? self.key)") }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 16 << 20)
        var headerMap: [String: String] = [:]
        for header in response.headers { headerMap[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: headerMap, body: String(buffer: data))
    }

    /// Opens a stream to `model` (a FakeUpstream stream whose chunks read "t0 ", "t1 ", …), waits
    /// until the client has received two chunks, then hangs up; returns when the client is gone.
    /// Waiting for what the client saw, not what the upstream sent, matters on a loaded machine.
    @discardableResult
    func hangUpAfterTwoChunks(model: String) async -> ContinuousClock.Instant {
        let (gotChunks, signal) = AsyncStream<Void>.makeStream()
        let reader = Task {
            defer { signal.finish() }  // a failed stream must not leave the caller waiting
            var request = HTTPClientRequest(url: baseURL + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "authorization", value: "Bearer \(key)")
            request.body = .bytes(ByteBuffer(string: #"{"model":"\#(model)","stream":true,"messages":[]}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            var text = ""
            // Keep reading until cancelled: the cancellation closes the connection.
            for try await chunk in response.body {
                text += String(buffer: chunk)
                if text.contains("t1 ") { signal.finish() }
            }
        }
        for await _ in gotChunks {}
        let hungUp = ContinuousClock.now
        reader.cancel()
        _ = await reader.result
        return hungUp
    }

    /// Traces in the database once the writer has flushed what is queued. A stream's trace is
    /// queued just after its last byte reaches the client, so wait (briefly) for `atLeast` of them.
    func traces(atLeast expected: Int = 1) async throws -> [JSONValue] {
        for _ in 0..<100 {
            await gateway.traceWriter.flush()
            let stored = try await database.sql.raw("SELECT count(*) AS n FROM traces").first()?.decode(column: "n", as: Int.self) ?? 0
            if stored >= expected { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let rows = try await database.sql.raw(
            "SELECT id, status, model_requested, provider, tokens_in, tokens_out, tokens_cached, stream, error_type, cost_status, cost_nanousd FROM traces ORDER BY started_at"
        ).all()
        return try rows.map { row in
            .object([
                "id": .string(try row.decode(column: "id", as: String.self)),
                "status": .string(try row.decode(column: "status", as: String.self)),
                "model": .string(try row.decode(column: "model_requested", as: String.self)),
                "provider": (try row.decode(column: "provider", as: String?.self)).map(JSONValue.string) ?? .null,
                "tokens_in": .int(try row.decode(column: "tokens_in", as: Int.self)),
                "tokens_out": .int(try row.decode(column: "tokens_out", as: Int.self)),
                "tokens_cached": .int(try row.decode(column: "tokens_cached", as: Int.self)),
                "stream": .bool(try row.decode(column: "stream", as: Bool.self)),
                "error_type": (try row.decode(column: "error_type", as: String?.self)).map(JSONValue.string) ?? .null,
                "cost_status": (try row.decode(column: "cost_status", as: String?.self)).map(JSONValue.string) ?? .null,
                "cost_nanousd": (try row.decode(column: "cost_nanousd", as: Int?.self)).map(JSONValue.int) ?? .null,
            ])
        }
    }
}
