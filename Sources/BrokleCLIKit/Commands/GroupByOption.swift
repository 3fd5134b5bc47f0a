import BrokleCore
import Foundation

/// Parses `--group-by` values (comma-separated or repeated) into a report's dimensions, in the
/// order given, each once; an unknown name is a usage error listing the valid ones.
enum GroupByOption {
    static func dimensions<Dimension>(_ values: [String]) throws(BrokleError) -> [Dimension]
    where Dimension: RawRepresentable & CaseIterable & Equatable, Dimension.RawValue == String {
        var dimensions: [Dimension] = []
        for part in values.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let dimension = Dimension(rawValue: part) else {
                throw BrokleError(
                    .usage, "unknown --group-by '\(part)'",
                    hint: "use " + Dimension.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !dimensions.contains(dimension) { dimensions.append(dimension) }
        }
        return dimensions
    }
}
