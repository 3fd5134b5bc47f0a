import BrokleCore

/// What `brokle seed` creates: an organization with two projects, their environments, members and
/// one key per environment. Fixed data, so seeding is deterministic and re-runnable.
package struct SeedProfile: Sendable {
    package var name: String
    package var org: String
    package var orgName: String
    package var plan: Plan
    package var projects: [String]
    package var environments: [String]
    package var members: [(email: String, name: String, role: Role)]
    /// Traces when `--traces` is not given.
    package var defaultTraces: Int

    package static let dev = SeedProfile(
        name: "dev", org: "acme", orgName: "Acme Inc", plan: .pro, projects: ["web", "api"],
        environments: ["development", "production"],
        members: [
            ("owner@acme.test", "Olive Owner", .owner), ("admin@acme.test", "Adam Admin", .admin),
            ("dev@acme.test", "Dee Developer", .developer), ("viewer@acme.test", "Vic Viewer", .viewer),
        ],
        defaultTraces: 0
    )

    package static let demo = SeedProfile(
        name: "demo", org: "demo-co", orgName: "Demo Co", plan: .business, projects: ["chatbot", "search"],
        environments: ["development", "staging", "production"],
        members: [
            ("ceo@demo.test", "Casey Chief", .owner), ("ops@demo.test", "Oli Ops", .admin),
            ("alice@demo.test", "Alice Builder", .developer), ("bob@demo.test", "Bob Builder", .developer),
            ("finance@demo.test", "Fran Finance", .viewer),
        ],
        defaultTraces: 5_000
    )

    package static let all = [dev, demo]

    package static func named(_ name: String) throws(BrokleError) -> SeedProfile {
        guard let profile = all.first(where: { $0.name == name }) else {
            throw BrokleError(.usage, "unknown seed profile '\(name)'", hint: "use " + all.map(\.name).joined(separator: " or "))
        }
        return profile
    }

    /// The name of the seeded key of an environment.
    package static func keyName(project: String, environment: String) -> String { "seed-\(project)-\(environment)" }
}
