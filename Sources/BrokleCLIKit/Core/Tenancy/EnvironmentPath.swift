/// `ORG/PROJECT/ENV` as given on the command line: all three parts present and valid slugs.
public struct EnvironmentPath: Sendable, Equatable, CustomStringConvertible {
    public let org: String
    public let project: String
    public let environment: String

    public init(_ text: String) throws(BrokleError) {
        let slugs = try TenantPathText.slugs(text, shape: "ORG/PROJECT/ENV", count: 3)
        org = slugs[0]
        project = slugs[1]
        environment = slugs[2]
    }

    public var description: String { org + "/" + project + "/" + environment }
}
