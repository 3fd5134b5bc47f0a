/// Organization, project and environment names as they appear in paths (`acme/web/production`):
/// lower-case letters, digits and dashes, 2–63 characters, starting and ending with a letter or digit.
public enum Slug {
    public static func validate(_ text: String, what: String) throws(BrokleError) -> String {
        let scalars = text.unicodeScalars
        let allowed = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard (2...63).contains(scalars.count), allowed, scalars.first != "-", scalars.last != "-" else {
            throw BrokleError(
                .usage, "invalid \(what) slug '\(text)'",
                hint: "use 2-63 lower-case letters, digits and dashes, starting and ending with a letter or digit"
            )
        }
        return text
    }
}

/// `ORG/PROJECT` or `ORG/PROJECT/ENV` as given on the command line.
public struct TenantPath: Sendable, Equatable, CustomStringConvertible {
    public var org: String
    public var project: String?
    public var environment: String?

    /// Parses a path with exactly `components` parts (1 = org, 2 = org/project, 3 = org/project/env).
    public init(_ text: String, components: Int) throws(BrokleError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let shape = ["ORG", "ORG/PROJECT", "ORG/PROJECT/ENV"][components - 1]
        guard parts.count == components else {
            throw BrokleError(.usage, "expected \(shape), got '\(text)'")
        }
        org = try Slug.validate(parts[0], what: "organization")
        project = components >= 2 ? try Slug.validate(parts[1], what: "project") : nil
        environment = components >= 3 ? try Slug.validate(parts[2], what: "environment") : nil
    }

    public var description: String {
        [org, project, environment].compactMap { $0 }.joined(separator: "/")
    }
}
