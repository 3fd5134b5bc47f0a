import BrokleCore
import BrokleStorage
import Foundation

/// One organization, as `orgs create|list|show|update|delete` print it.
struct OrganizationRow: OutputRow {
    static let columns = ["slug", "name", "plan", "projects", "members", "created_at", "id"]
    var id: String
    var slug: String
    var name: String
    var plan: Plan
    var projects: Int
    var members: Int
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id, slug, name, plan, projects, members, createdAt = "created_at", updatedAt = "updated_at" }

    init(_ summary: OrganizationStore.Summary) {
        let organization = summary.organization
        id = organization.id
        slug = organization.slug
        name = organization.name
        plan = organization.plan
        projects = summary.projects
        members = summary.members
        createdAt = organization.createdAt
        updatedAt = organization.updatedAt
    }
}

/// One project (`orgs projects ...`).
struct ProjectRow: OutputRow {
    static let columns = ["path", "name", "created_at", "id"]
    var id: String
    var org: String
    var slug: String
    var path: String
    var name: String
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id, org, slug, path, name, createdAt = "created_at", updatedAt = "updated_at" }

    init(_ project: Project) {
        id = project.id
        org = project.orgSlug
        slug = project.slug
        path = project.orgSlug + "/" + project.slug
        name = project.name
        createdAt = project.createdAt
        updatedAt = project.updatedAt
    }
}

/// One environment (`orgs envs ...`).
struct EnvironmentRow: OutputRow {
    static let columns = ["path", "created_at", "id"]
    var id: String
    var org: String
    var project: String
    var slug: String
    var path: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey { case id, org, project, slug, path, createdAt = "created_at" }

    init(_ environment: Environment) {
        id = environment.id
        org = environment.orgSlug
        project = environment.projectSlug
        slug = environment.slug
        path = "\(environment.orgSlug)/\(environment.projectSlug)/\(environment.slug)"
        createdAt = environment.createdAt
    }
}

/// One membership (`orgs members ...`).
struct MemberRow: OutputRow {
    static let columns = ["org", "email", "name", "role", "created_at"]
    var org: String
    var email: String
    @Nullable var name: String?
    var role: Role
    var createdAt: Date

    enum CodingKeys: String, CodingKey { case org, email, name, role, createdAt = "created_at" }

    init(_ member: Member) {
        org = member.orgSlug
        email = member.email
        name = member.name
        role = member.role
        createdAt = member.createdAt
    }
}
