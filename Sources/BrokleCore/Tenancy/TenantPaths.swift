import Foundation

// How tenants are named on command lines and in rows: slugs, ORG/PROJECT paths, new ids.

/// Splits a tenant path given on the command line (`acme/web/production`) into its slugs, checking
/// the number of parts first and then each slug in order, so every path type reports errors alike.
enum TenantPathText {
    static let kinds = ["organization", "project", "environment"]

    static func slugs(_ text: String, shape: String, count: Int) throws(BrokleError) -> [String] {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count else {
            throw BrokleError(.usage, "expected \(shape), got '\(text)'")
        }
        var slugs: [String] = []
        for (index, part) in parts.enumerated() {
            slugs.append(try Slug.validate(part, what: kinds[index]))
        }
        return slugs
    }
}

/// `ORG/PROJECT` as given on the command line: both parts present and valid slugs.
package struct ProjectPath: Sendable, Equatable, CustomStringConvertible {
    package let org: String
    package let project: String

    package init(_ text: String) throws(BrokleError) {
        let slugs = try TenantPathText.slugs(text, shape: "ORG/PROJECT", count: 2)
        org = slugs[0]
        project = slugs[1]
    }

    package var description: String { org + "/" + project }
}

/// `ORG/PROJECT/ENV` as given on the command line: all three parts present and valid slugs.
package struct EnvironmentPath: Sendable, Equatable, CustomStringConvertible {
    package let org: String
    package let project: String
    package let environment: String

    package init(_ text: String) throws(BrokleError) {
        let slugs = try TenantPathText.slugs(text, shape: "ORG/PROJECT/ENV", count: 3)
        org = slugs[0]
        project = slugs[1]
        environment = slugs[2]
    }

    package var description: String { org + "/" + project + "/" + environment }
}

/// Organization, project and environment names as they appear in paths (`acme/web/production`):
/// lower-case letters, digits and dashes, 2–63 characters, starting and ending with a letter or digit.
package enum Slug {
    package static func validate(_ text: String, what: String) throws(BrokleError) -> String {
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

/// New identifiers: random UUIDs, lower-case, so they sort and compare the same everywhere.
package enum Identifier {
    package static func make() -> String { UUID().uuidString.lowercased() }
}
