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
