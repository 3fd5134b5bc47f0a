import BrokleCore
import BrokleSettings
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/policies`: the organization's logging policies (content capture, retention)
/// and guardrail policies (every member reads them), and setting or removing one (admins and
/// owners) through the stores `brokle logging` and `brokle guardrails` use, audited. A scope is
/// `ORG`, `ORG/PROJECT` or `ORG/PROJECT/ENV`; retention is set on an organization only.
struct PolicyHandlers: Sendable {
    let auth: DashboardAuth
    let logging: LoggingPolicyStore
    let guardrails: GuardrailPolicyStore
    let resolver: ScopeResolver
    /// The proxy's own guardrail settings: the custom entities a policy may name.
    let guardrailSettings: GuardrailSettings

    struct LoggingBody: Encodable {
        var scope: String
        var kind: String
        var content: String?
        var traceRetentionSeconds: Int?
        var contentRetentionSeconds: Int?
    }

    struct GuardrailsBody: Encodable {
        var scope: String
        var kind: String
        /// The policy as `brokle guardrails set --policy` takes it.
        var policy: JSONValue
    }

    struct Listing: Encodable {
        var logging: [LoggingBody]
        var guardrails: [GuardrailsBody]
    }

    struct SetLogging: Decodable {
        var scope: String
        var content: String?
        var traceRetention: String?
        var contentRetention: String?
    }

    struct SetGuardrails: Decodable {
        var scope: String
        /// The whole policy, replacing the scope's.
        var policy: JSONValue
    }

    func list(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let (logs, rails) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            (
                try await logging.list(organizationID: membership.organizationID),
                try await guardrails.list(organizationID: membership.organizationID)
            )
        }
        return try DashboardJSON.response(Listing(logging: logs.map(Self.body), guardrails: try rails.map(Self.body)))
    }

    func setLogging(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageLogging)
        let body = try await DashboardJSON.decode(SetLogging.self, from: request)
        let reference = try LimitHandlers.reference(body.scope, perUser: false, in: membership)
        let change = try DashboardErrors.converted { () throws(BrokleError) -> LoggingPolicy in
            var change = LoggingPolicy()
            if let content = body.content {
                guard let mode = ContentCapture(rawValue: content) else {
                    throw BrokleError(.usage, "'content' is off, redacted or full, not '\(content)'")
                }
                change.content = mode
            }
            if let text = body.traceRetention { change.traceRetentionSeconds = try Self.seconds(text, what: "'trace_retention'") }
            if let text = body.contentRetention { change.contentRetentionSeconds = try Self.seconds(text, what: "'content_retention'") }
            guard !change.isEmpty else { throw BrokleError(.usage, "nothing to set: give content, trace_retention or content_retention") }
            return change
        }
        let entry = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await logging.set(try await resolver.resolve(reference), change, by: session.actor)
        }
        return try DashboardJSON.response(Self.body(entry))
    }

    func setGuardrails(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageGuardrails)
        let body = try await DashboardJSON.decode(SetGuardrails.self, from: request)
        let reference = try LimitHandlers.reference(body.scope, perUser: false, in: membership)
        let policy: GuardrailPolicy
        do {
            policy = try GuardrailPolicy(json: String(decoding: try JSONEncoder().encode(body.policy), as: UTF8.self))
        } catch let error as GuardrailPolicyError {
            throw GatewayError.invalidRequest("'policy': \(error.message)", param: "policy")
        } catch {
            throw GatewayError.invalidRequest("'policy' is not a guardrail policy.", param: "policy")
        }
        if let unknown = guardrailSettings.unknownEntity(in: policy) {
            throw GatewayError.invalidRequest(
                "'policy': \(unknown.direction.rawValue).\(unknown.entity.name): \(unknown.message)", param: "policy")
        }
        let entry = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await guardrails.set(try await resolver.resolve(reference), policy, replace: true, by: session.actor)
        }
        return try DashboardJSON.response(try Self.body(entry))
    }

    func remove(_ request: Request, org: String, guardrails removing: Bool) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(
            request, of: org, change: true, may: removing ? .manageGuardrails : .manageLogging)
        let reference = try LimitHandlers.reference(String(request.uri.queryParameters["scope"] ?? ""), perUser: false, in: membership)
        try await DashboardErrors.mapped { () async throws(BrokleError) in
            let target = try await resolver.resolve(reference)
            if removing {
                _ = try await guardrails.remove(target, by: session.actor)
            } else {
                _ = try await logging.remove(target, by: session.actor)
            }
        }
        return Response(status: .noContent)
    }

    static func seconds(_ text: String, what: String) throws(BrokleError) -> Int {
        try RequestLogSettings.retention(text, what: what).map { Int($0) } ?? 0
    }

    static func body(_ entry: LoggingPolicyStore.Entry) -> LoggingBody {
        LoggingBody(
            scope: entry.path.text, kind: entry.scope.kind.rawValue, content: entry.policy.content?.rawValue,
            traceRetentionSeconds: entry.policy.traceRetentionSeconds, contentRetentionSeconds: entry.policy.contentRetentionSeconds)
    }

    static func body(_ entry: GuardrailPolicyStore.Entry) throws(GatewayError) -> GuardrailsBody {
        do {
            let policy = try JSONDecoder().decode(JSONValue.self, from: Data(entry.policy.json.utf8))
            return GuardrailsBody(scope: entry.path.text, kind: entry.scope.kind.rawValue, policy: policy)
        } catch {
            throw .internalError
        }
    }
}
