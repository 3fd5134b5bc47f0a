import BrokleCore

/// What a ``KeyCheckingDecoder`` saw: for each mapping of a file (by its dotted path), the keys it
/// has and the keys some setting asked for. Used while one file is decoded, on one thread.
final class KeyLedger {
    /// Where ``KeyChecked`` finds the ledger to write to.
    static let userInfoKey = CodingUserInfoKey(rawValue: "brokle.keyLedger")!

    private var found: [String: [String]] = [:]
    private var asked: [String: Set<String>] = [:]

    func found(_ keys: [String], at path: [any CodingKey]) {
        found[Self.dotted(path)] = keys
    }

    func asked(_ key: String, at path: [any CodingKey]) {
        asked[Self.dotted(path), default: []].insert(key)
    }

    /// Every key no setting asked for, in file order within a mapping and mappings by path: the
    /// dotted path of the key, and the known key nearest to it when one is close.
    func unknownKeys() -> [(path: String, suggestion: String?)] {
        var unknown: [(path: String, suggestion: String?)] = []
        for (path, keys) in found.sorted(by: { $0.key < $1.key }) {
            let known = asked[path] ?? []
            for key in keys where !known.contains(key) {
                unknown.append((path.isEmpty ? key : path + "." + key, EditDistance.nearest(to: key, in: known.sorted())))
            }
        }
        return unknown
    }

    static func dotted(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
