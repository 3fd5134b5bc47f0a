import BrokleTransport
import BrokleProviders
import HTTPTypes
import Hummingbird
import Logging

/// The proxy endpoints. The server answers a POST to one of them straight away (``respond(to:logger:)``)
/// instead of through the router, whose path lookup, middleware chain and request context cost
/// more per request than this comparison; the router has them too, so any other method is refused
/// there as before.
struct ProxyRoutes: DirectRoutes {
    let proxy: ProxyHandler
    /// Path, endpoint and client dialect of each proxy endpoint.
    private let table: [(path: String, endpoint: Endpoint, dialect: any ClientDialect)]

    init(proxy: ProxyHandler, responses: ResponsesDialect) {
        self.proxy = proxy
        table = [
            ("/v1/chat/completions", .chatCompletions, OpenAIDialect()),
            ("/v1/completions", .completions, OpenAIDialect()),
            ("/v1/messages", .chatCompletions, AnthropicDialect()),
            ("/v1/embeddings", .embeddings, OpenAIDialect()),
            ("/v1/responses", .responses, responses),
        ]
    }

    func register(on router: Router<BasicRequestContext>) {
        for (path, endpoint, dialect) in table {
            let proxy = self.proxy
            router.post(RouterPath(path)) { request, context in
                await proxy.handle(request, logger: context.logger, endpoint: endpoint, dialect: dialect)
            }
        }
    }

    /// The answer to `request` if it is a POST to a proxy endpoint (the query string aside), else nil.
    func respond(to request: Request, logger: Logger) async -> Response? {
        guard request.method == .post, let route = route(request.head.path) else { return nil }
        return await proxy.handle(request, logger: logger, endpoint: route.endpoint, dialect: route.dialect)
    }

    func route(_ target: String?) -> (endpoint: Endpoint, dialect: any ClientDialect)? {
        guard var path = target?.utf8[...] else { return nil }
        if let query = path.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
        for route in table where path.elementsEqual(route.path.utf8) { return (route.endpoint, route.dialect) }
        return nil
    }
}
