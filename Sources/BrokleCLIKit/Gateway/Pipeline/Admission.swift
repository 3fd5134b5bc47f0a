/// The admit stage: whether this key may make this request now, decided before any upstream call.
/// Today that is the key's model allow-list; rate and budget limits land here, answering early
/// (a 429) the same way.
struct Admission: Sendable {
    func admit(_ request: InboundRequest, key: KeyContext) throws(GatewayError) {
        guard key.allows(model: request.model) else { throw .modelNotAllowed(request.model) }
    }
}
