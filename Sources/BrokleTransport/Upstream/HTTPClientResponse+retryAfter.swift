import BrokleCore
import AsyncHTTPClient

extension HTTPClientResponse {
    /// How long the provider asked to wait before another try (`retry-after-ms` / `retry-after`),
    /// read on error answers only.
    package var retryAfter: Double? {
        guard !(200..<300).contains(Int(status.code)) else { return nil }
        return RetryAfter.seconds(retryAfter: headers.first(name: "retry-after"), retryAfterMs: headers.first(name: "retry-after-ms"))
    }
}
