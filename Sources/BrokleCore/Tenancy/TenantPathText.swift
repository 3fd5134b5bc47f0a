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
