import Foundation

/// New identifiers: random UUIDs, lower-case, so they sort and compare the same everywhere.
package enum Identifier {
    package static func make() -> String { UUID().uuidString.lowercased() }
}
