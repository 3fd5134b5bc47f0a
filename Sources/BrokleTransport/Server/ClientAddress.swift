/// The address of the client a request came from (its IP, without the port), for the routes that
/// need it (the dashboard's sign-in limits, its audit origin): set around the router's answer, not
/// on the proxy's direct routes.
package enum ClientAddress {
    @TaskLocal package static var current: String?
}
