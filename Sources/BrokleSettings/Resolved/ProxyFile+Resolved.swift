import BrokleCore
import Yams

extension ProxyFile {
    /// Every value of the brokle.yaml at `path` after `${VAR}` expansion, one row per value by dotted
    /// path (list items by index), in file order, with secrets hidden: `api_key` values and every
    /// header value. Call it after the file has loaded, so it is known to be valid.
    static func resolvedSettings(path: String, name: String, lookup: (String) -> String?) throws(BrokleError) -> [ResolvedSetting] {
        let text = try VariableExpansion.expand(try read(path), source: path, lookup: lookup)
        guard let root = try? Yams.compose(yaml: text) else { return [] }
        var rows: [ResolvedSetting] = []
        func walk(_ node: Node, _ keys: [String]) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { walk(value, keys + [key.string ?? "?"]) }
            case .sequence(let sequence):
                for (index, value) in sequence.enumerated() { walk(value, keys + [String(index)]) }
            case .scalar(let scalar):
                let secret = keys.last == "api_key" || keys.dropLast().contains("headers")
                rows.append(
                    ResolvedSetting(
                        setting: keys.joined(separator: "."), value: secret ? ResolvedSetting.hidden : scalar.string, source: name))
            case .alias:
                break
            }
        }
        walk(root, [])
        return rows
    }
}
