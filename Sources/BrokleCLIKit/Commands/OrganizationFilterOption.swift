import BrokleCore
import BrokleStorage
import ArgumentParser

/// `--org ORG`: the filter of `limits list` and `budgets list`; the organization's id, or nil for all.
struct OrganizationFilterOption: ParsableArguments {
    @Option(help: "Only this organization (slug).") var org: String?

    func organizationID(in database: Database) async throws(BrokleError) -> String? {
        guard let org else { return nil }
        return try await OrganizationStore(database).get(try Slug.validate(org, what: "organization")).id
    }
}
