import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/members`: who belongs to the organization (every member sees it), and for
/// owners adding a member, changing a role and removing one, through the store `brokle orgs
/// members` uses (the plan's member limit and the last owner kept). Audited as the owner.
struct MemberHandlers: Sendable {
    let auth: DashboardAuth
    let members: MemberStore
    let quotas: [Plan: PlanQuota]

    struct MemberBody: Encodable {
        var email: String
        var name: String?
        var role: Role
        var createdAt: Date

        init(_ member: Member) {
            email = member.email
            name = member.name
            role = member.role
            createdAt = member.createdAt
        }
    }

    struct Add: Decodable {
        var email: String
        var name: String?
        var role: Role
    }

    struct SetRole: Decodable {
        var role: Role
    }

    func list(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let listed = try await DashboardErrors.mapped { () async throws(BrokleError) in try await members.list(org: membership.slug) }
        return try DashboardJSON.response(["members": listed.map(MemberBody.init)])
    }

    func add(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageMembers)
        let body = try await DashboardJSON.decode(Add.self, from: request)
        let email = try DashboardErrors.converted { () throws(BrokleError) in try Email.normalize(body.email) }
        let (member, _) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await members.add(
                org: membership.slug, email: email, name: body.name, role: body.role, ifNotExists: false, quotas: quotas, by: session.actor)
        }
        return try DashboardJSON.response(MemberBody(member), status: .created)
    }

    func setRole(_ request: Request, org: String, email: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageMembers)
        let email = try Self.normalized(email)
        let body = try await DashboardJSON.decode(SetRole.self, from: request)
        let member = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await members.setRole(org: membership.slug, email: email, role: body.role, by: session.actor)
        }
        return try DashboardJSON.response(MemberBody(member))
    }

    func remove(_ request: Request, org: String, email: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageMembers)
        let email = try Self.normalized(email)
        _ = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await members.remove(org: membership.slug, email: email, by: session.actor)
        }
        return Response(status: .noContent)
    }

    /// The path's e-mail as members are stored (lower case); one that is no e-mail is no member.
    static func normalized(_ email: String) throws(GatewayError) -> String {
        guard let email = try? Email.normalize(email) else { throw DashboardErrors.notFound("member '\(email)'") }
        return email
    }
}
