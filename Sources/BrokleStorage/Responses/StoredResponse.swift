import Foundation

/// One response of the Responses API kept for its environment (`responses`): the input items its
/// request sent, the response object as the client got it, and the response it continued.
package struct StoredResponse: Sendable, Equatable {
    package var id: String
    package var organizationID: String
    package var projectID: String
    package var environmentID: String
    package var previousResponseID: String?
    package var model: String
    /// The request's own input items, a JSON array (the turns before are behind ``previousResponseID``).
    package var input: [UInt8]
    /// The response object, JSON.
    package var response: [UInt8]
    package var createdAt: Date
    package var expiresAt: Date

    package init(
        id: String, organizationID: String, projectID: String, environmentID: String, previousResponseID: String?, model: String,
        input: [UInt8], response: [UInt8], createdAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.projectID = projectID
        self.environmentID = environmentID
        self.previousResponseID = previousResponseID
        self.model = model
        self.input = input
        self.response = response
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Bytes it takes in memory, roughly: what bounds the gateway's copy.
    package var bytes: Int { input.count + response.count + id.count * 2 + model.count + 160 }
}
