import BrokleCore
import BrokleProviders
import BrokleSettings
import Foundation
import Hummingbird
import NIOCore

/// `/v1/models`, `/health`, `/health/db`, `/health/cache` and `/metrics`.
struct InfoHandlers: Sendable {
    let settings: GatewaySettings
    let authenticator: Authenticator
    let monitor: DatabaseMonitor
    let metrics: GatewayMetrics
    let cache: ResponseCache

    /// The models this key may use, in the OpenAI list format.
    func models(_ request: Request, context: some RequestContext) async -> Response {
        let requestID = GatewayResponses.requestID(request.headers)
        do {
            let key = try await authenticator.authenticate(request.headers, logger: context.logger)
            let items = settings.catalog.models.filter { key.allows(model: $0.name) }.map(Self.modelObject)
            return GatewayResponses.json(
                .ok, ByteBuffer(string: #"{"object":"list","data":[\#(items.joined(separator: ","))]}"#),
                headers: [GatewayResponses.requestIDHeader: requestID])
        } catch {
            return GatewayResponses.error(error, requestID: requestID)
        }
    }

    /// One model (`GET /v1/models/{id}`; ids may contain `/`).
    func model(_ request: Request, context: some RequestContext) async -> Response {
        let requestID = GatewayResponses.requestID(request.headers)
        do {
            let key = try await authenticator.authenticate(request.headers, logger: context.logger)
            let id = context.parameters.getCatchAll().joined(separator: "/")
            guard let model = settings.catalog.models.first(where: { $0.name == id }), key.allows(model: id) else {
                throw GatewayError.modelNotFound(id)
            }
            return GatewayResponses.json(
                .ok, ByteBuffer(string: Self.modelObject(model)), headers: [GatewayResponses.requestIDHeader: requestID])
        } catch let error as GatewayError {
            return GatewayResponses.error(error, requestID: requestID)
        } catch {
            return GatewayResponses.error(.modelNotFound(""), requestID: requestID)
        }
    }

    static func modelObject(_ model: ModelRoute) -> String {
        #"{"id":\#(MockResponses.string(model.name)),"object":"model","created":0,"owned_by":\#(MockResponses.string(model.provider))}"#
    }

    func health(_ request: Request, context: some RequestContext) -> Response {
        GatewayResponses.json(.ok, ByteBuffer(string: #"{"status":"ok"}"#))
    }

    /// Whether the database answers, asked now and answered within a second: 200, or 503 with the
    /// reason (never a hang: the check has its own deadline).
    func databaseHealth(_ request: Request, context: some RequestContext) async -> Response {
        let reason = await monitor.check(budget: .milliseconds(900))
        let dialect = MockResponses.string(monitor.database.dialect.rawValue)
        let body =
            reason.map { #"{"status":"unavailable","database":\#(dialect),"error":\#(MockResponses.string($0))}"# }
            ?? #"{"status":"ok","database":\#(dialect)}"#
        return GatewayResponses.json(reason == nil ? .ok : .serviceUnavailable, ByteBuffer(string: body))
    }

    func prometheus(_ request: Request, context: some RequestContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition()))
        )
    }
}
