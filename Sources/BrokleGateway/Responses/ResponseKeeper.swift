import BrokleCore
import BrokleStorage
import Foundation

/// Keeps one request's response (`store`, true unless the client says false) for its key's
/// environment, with the request's own input items and the response it continued.
struct ResponseKeeper: Sendable {
    let state: ResponseState
    let key: KeyContext
    let previousResponseID: String?
    let model: String
    /// The request's own input items, a JSON array.
    let input: [UInt8]

    /// Keeps `response` (a response object as the client got it) under its own `id`.
    func keep(_ response: [UInt8]) {
        guard let inspector = try? RequestInspector(response), let id = inspector.string("id"), !id.isEmpty else { return }
        let now = Date()
        state.keep(
            StoredResponse(
                id: id, organizationID: key.organizationID, projectID: key.projectID, environmentID: key.environmentID,
                previousResponseID: previousResponseID, model: model, input: input, response: response, createdAt: now,
                expiresAt: state.expiry(from: now)))
    }
}
