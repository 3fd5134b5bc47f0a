/// `ORG/PROJECT` as given on the command line: both parts present and valid slugs.
public struct ProjectPath: Sendable, Equatable, CustomStringConvertible {
    public let org: String
    public let project: String

    public init(_ text: String) throws(BrokleError) {
        let slugs = try TenantPathText.slugs(text, shape: "ORG/PROJECT", count: 2)
        org = slugs[0]
        project = slugs[1]
    }

    public var description: String { org + "/" + project }
}
