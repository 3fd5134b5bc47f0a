import Foundation

/// How the Responses API keeps the responses it stores (`store: true`, OpenAI's default), so
/// `previous_response_id`, `GET /v1/responses/{id}` and its input items work (`BROKLE_RESPONSES_*`).
package struct ResponsesSettings: Sendable, Equatable {
    /// How long a stored response is kept (30 days, as OpenAI keeps them); expired ones are not
    /// found and are deleted by the next sweep.
    package var retention: TimeInterval = 30 * 86_400
    /// Memory for responses held in process: those not yet written, and recent ones, which the next
    /// turn of a conversation reads without asking the database.
    package var memoryBytes = 64 * 1024 * 1024
    /// Longest a read of a stored response may wait for the database.
    package var lookupTimeout: TimeInterval = 2
    package var writeInterval: TimeInterval = 0.1
    /// How often expired responses are deleted.
    package var sweepInterval: TimeInterval = 300

    package init() {}
}
