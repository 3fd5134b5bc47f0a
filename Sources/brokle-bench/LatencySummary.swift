import Foundation

/// Percentiles of a run, in milliseconds, as one JSON object.
struct LatencySummary: Encodable {
    var requests: Int
    var errors: Int
    var seconds: Double
    var rps: Double
    var p50: Double
    var p90: Double
    var p99: Double
    var p999: Double
    var max: Double

    init(latenciesNanos: [UInt64], errors: Int, seconds: Double) {
        let sorted = latenciesNanos.sorted()
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return Double(
                sorted[
                    min(
                        sorted.count - 1,
                        Int((Double(sorted.count) * q).rounded(.up)) - 1 < 0 ? 0 : Int((Double(sorted.count) * q).rounded(.up)) - 1)]) / 1e6
        }
        requests = sorted.count
        self.errors = errors
        self.seconds = seconds
        rps = seconds > 0 ? Double(sorted.count) / seconds : 0
        p50 = at(0.5)
        p90 = at(0.9)
        p99 = at(0.99)
        p999 = at(0.999)
        max = Double(sorted.last ?? 0) / 1e6
    }

    func printJSON(_ extra: [String: String] = [:]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var object = try JSONSerialization.jsonObject(with: encoder.encode(self)) as? [String: Any] ?? [:]
        for (key, value) in extra { object[key] = value }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
