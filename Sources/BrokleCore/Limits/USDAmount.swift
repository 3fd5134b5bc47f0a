import Foundation

/// An amount of USD given on the command line (`500`, `0.05`, `12.345678901` at most nine decimals),
/// parsed exactly, as the price book parses prices, into whole nano-USD.
package enum USDAmount {
    package static func nanoUSD(_ text: String, what: String) throws(BrokleError) -> Int64 {
        let invalid = BrokleError(.usage, "\(what): '\(text)' is not an amount of USD", hint: "use a decimal number such as 500 or 0.05")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            !(parts.first?.isEmpty ?? true) || (parts.count == 2 && !parts[1].isEmpty)
        else { throw invalid }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 9 else {
            throw BrokleError(.usage, "\(what): '\(text)' has more than nine decimals", hint: "amounts are kept in nano-USD (1e-9)")
        }
        let digits = String(parts[0]) + fraction + String(repeating: "0", count: 9 - fraction.count)
        guard let nano = Int64(digits) else {
            throw BrokleError(.usage, "\(what): '\(text)' is too large")
        }
        return nano
    }
}
