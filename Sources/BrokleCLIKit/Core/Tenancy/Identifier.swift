import Foundation

/// New identifiers: random UUIDs, lower-case, so they sort and compare the same everywhere.
public enum Identifier {
    public static func make() -> String { UUID().uuidString.lowercased() }
}
