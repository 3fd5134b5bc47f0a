/// What `brokle seed` creates: an organization with two projects, their environments, members and
/// one key per environment. Fixed data, so seeding is deterministic and re-runnable.
public struct SeedProfile: Sendable {
    public var name: String
    public var org: String
    public var orgName: String
    public var plan: Plan
    public var projects: [String]
    public var environments: [String]
    public var members: [(email: String, name: String, role: Role)]
    /// Traces when `--traces` is not given.
    public var defaultTraces: Int

    public static let dev = SeedProfile(
        name: "dev", org: "acme", orgName: "Acme Inc", plan: .pro, projects: ["web", "api"],
        environments: ["development", "production"],
        members: [
            ("owner@acme.test", "Olive Owner", .owner), ("admin@acme.test", "Adam Admin", .admin),
            ("dev@acme.test", "Dee Developer", .developer), ("viewer@acme.test", "Vic Viewer", .viewer),
        ],
        defaultTraces: 0
    )

    public static let demo = SeedProfile(
        name: "demo", org: "demo-co", orgName: "Demo Co", plan: .business, projects: ["chatbot", "search"],
        environments: ["development", "staging", "production"],
        members: [
            ("ceo@demo.test", "Casey Chief", .owner), ("ops@demo.test", "Oli Ops", .admin),
            ("alice@demo.test", "Alice Builder", .developer), ("bob@demo.test", "Bob Builder", .developer),
            ("finance@demo.test", "Fran Finance", .viewer),
        ],
        defaultTraces: 5_000
    )

    public static let all = [dev, demo]

    public static func named(_ name: String) throws(BrokleError) -> SeedProfile {
        guard let profile = all.first(where: { $0.name == name }) else {
            throw BrokleError(.usage, "unknown seed profile '\(name)'", hint: "use " + all.map(\.name).joined(separator: " or "))
        }
        return profile
    }

    /// The name of the seeded key of an environment.
    public static func keyName(project: String, environment: String) -> String { "seed-\(project)-\(environment)" }
}
