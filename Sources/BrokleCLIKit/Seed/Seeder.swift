import BrokleCore
import BrokleStorage
import Foundation

/// Creates a ``SeedProfile``'s data through the regular stores, reusing whatever already exists, and
/// adds demo traces. Running it again creates nothing twice and shows no secret twice.
package struct Seeder: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// What seeding did, one event per thing created or found.
    package struct Event: Sendable {
        package enum Kind: String, Sendable, Codable { case organization, project, environment, member, key, traces }
        package var kind: Kind
        package var path: String
        package var created: Bool
        package var detail: [String: String] = [:]
        package var token: APIKeyToken?
        package var count: Int?
    }

    /// Seeds `profile`; what it creates is audited as `actor`'s, like any other change.
    package func run(
        _ profile: SeedProfile, traces: Int, now: Date = Date(), by actor: AuditActor, onEvent: (Event) throws(BrokleError) -> Void
    ) async throws(BrokleError) {
        let org = profile.org
        let (organization, orgCreated) = try await OrganizationStore(database).create(
            slug: org, name: profile.orgName, plan: profile.plan, ifNotExists: true, by: actor
        )
        try onEvent(Event(kind: .organization, path: org, created: orgCreated))
        for member in profile.members {
            let (_, created) = try await MemberStore(database).add(
                org: org, email: member.email, name: member.name, role: member.role, ifNotExists: true, by: actor)
            try onEvent(Event(kind: .member, path: org, created: created, detail: ["email": member.email, "role": member.role.rawValue]))
        }
        var targets: [DemoTraces.Target] = []
        for projectSlug in profile.projects {
            let (project, projectCreated) = try await ProjectStore(database).create(
                org: org, slug: projectSlug, name: nil, environments: [], ifNotExists: true, by: actor
            )
            try onEvent(Event(kind: .project, path: "\(org)/\(projectSlug)", created: projectCreated))
            for envSlug in profile.environments {
                let (environment, envCreated) = try await EnvironmentStore(database).create(
                    org: org, project: projectSlug, slug: envSlug, ifNotExists: true, by: actor)
                try onEvent(Event(kind: .environment, path: "\(org)/\(projectSlug)/\(envSlug)", created: envCreated))
                let keyName = SeedProfile.keyName(project: projectSlug, environment: envSlug)
                let keys = KeyStore(database)
                let keyID: String
                if let existing = try await keys.live(named: keyName, in: environment) {
                    keyID = existing.id
                    try onEvent(
                        Event(
                            kind: .key, path: "\(org)/\(projectSlug)/\(envSlug)", created: false,
                            detail: ["name": keyName, "public_id": existing.publicID]))
                } else {
                    let (key, token) = try await keys.create(in: environment, name: keyName, expiresAt: nil, models: nil, by: actor)
                    keyID = key.id
                    try onEvent(
                        Event(
                            kind: .key, path: "\(org)/\(projectSlug)/\(envSlug)", created: true,
                            detail: ["name": keyName, "public_id": key.publicID], token: token))
                }
                targets.append(
                    DemoTraces.Target(
                        organizationID: organization.id, projectID: project.id, environmentID: environment.id, apiKeyID: keyID
                    ))
            }
        }
        guard traces > 0 else { return }
        let generator = DemoTraces(profile: profile.name, targets: targets, now: now, prices: try PriceBook.shipped())
        let store = TraceStore(database)
        var inserted = 0
        var start = 0
        let chunk = 5_000
        while start < traces {
            inserted += try await store.insert(generator.traces(start..<min(start + chunk, traces)))
            start += chunk
        }
        try onEvent(Event(kind: .traces, path: org, created: inserted > 0, count: inserted))
    }
}
