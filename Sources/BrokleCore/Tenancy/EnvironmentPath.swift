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
