import Hummingbird
import Logging

/// Routes the server answers itself, ahead of the router: the gateway's proxy endpoints, where a
/// comparison of the path costs less per request than the router's lookup, middleware chain and
/// request context. The router still has them too, so any other method is refused there as before.
package protocol DirectRoutes: Sendable {
    /// The answer to `request` if it is one of these routes, else nil (the router answers it).
    func respond(to request: Request, logger: Logger) async -> Response?
}
