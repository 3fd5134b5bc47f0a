@testable import BrokleTransport

extension UpstreamClient {
    /// One set of upstream clients for the adapter tests, never shut down (like `HTTPClient.shared`).
    static let shared = UpstreamClient()
}
