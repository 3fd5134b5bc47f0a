import BrokleCore
import BrokleSettings
import BrokleStorage
import Hummingbird

/// The dashboard on the gateway's port: its page and files under `/ui`, its JSON API under
/// `/api/v1` (sessions, overview, traces), every answer with the security headers
/// (``DashboardHeaders``). Not registered with `BROKLE_UI=off`.
struct DashboardRoutes: Sendable {
    let sessions: SessionHandlers
    let overview: OverviewHandler
    let traces: TraceHandlers
    let events: EventsHandler
    let providers: ProvidersHandler
    let people: PeopleHandler
    let keys: KeyHandlers
    let audit: AuditHandler
    let limits: LimitHandlers
    let cache: CacheHandler
    let members: MemberHandlers
    let policies: PolicyHandlers

    init(
        settings: DashboardSettings, reader: Database, writer: Database, events: DashboardEvents, health: RouteHealth,
        catalog: ProviderCatalog, plans: [Plan: PlanQuota], guardrails: GuardrailSettings
    ) {
        // Reads on the reader (on SQLite a connection of its own: never behind a trace batch); sign-ins and sign-outs on the writer.
        let auth = DashboardAuth(sessions: DashboardSessionStore(reader), memberships: MembershipLookup(reader))
        sessions = SessionHandlers(
            auth: auth, writes: DashboardSessionStore(writer), credentials: UserCredentialStore(reader),
            throttle: SignInThrottle(
                perAddress: settings.signInAttemptsPerAddress, perAccount: settings.signInAttemptsPerAccount, window: settings.signInWindow),
            lifetime: .seconds(settings.sessionLifetime))
        overview = OverviewHandler(auth: auth, reports: CostReportStore(reader), traces: TraceQueryStore(reader))
        traces = TraceHandlers(auth: auth, traces: TraceQueryStore(reader))
        self.events = EventsHandler(auth: auth, events: events)
        providers = ProvidersHandler(auth: auth, reports: CostReportStore(reader), health: health, catalog: catalog)
        people = PeopleHandler(auth: auth, reports: CostReportStore(reader))
        keys = KeyHandlers(auth: auth, keys: KeyStore(writer), environments: EnvironmentStore(reader))
        audit = AuditHandler(auth: auth, audit: AuditStore(reader))
        cache = CacheHandler(auth: auth, stats: CacheStatsStore(reader))
        members = MemberHandlers(auth: auth, members: MemberStore(writer), quotas: plans)
        policies = PolicyHandlers(
            auth: auth, logging: LoggingPolicyStore(writer), guardrails: GuardrailPolicyStore(writer), resolver: ScopeResolver(reader),
            guardrailSettings: guardrails)
        limits = LimitHandlers(auth: auth, limits: LimitStore(writer), budgets: BudgetStore(writer), resolver: ScopeResolver(reader))
    }

    func register(on router: Router<BasicRequestContext>) {
        let ui = router.group("/ui").add(middleware: DashboardHeaders())
        ui.get("/") { _, _ in DashboardAssets.response("index.html")! }
        ui.get("/:file") { _, context in
            guard let response = DashboardAssets.response(context.parameters.get("file") ?? "") else {
                throw DashboardErrors.notFound("dashboard file")
            }
            return response
        }

        let api = router.group("/api/v1").add(middleware: DashboardHeaders())
        // Anything else under /api/v1: a 404 in the API's shape, with its headers.
        for method in [HTTPRequest.Method.get, .post, .put, .delete] {
            api.on("/**", method: method) { request, _ -> Response in
                throw GatewayError.http(status: 404, message: "Unknown path \(request.method) \(request.uri.path).")
            }
        }
        api.post("/session") { request, _ in try await sessions.signIn(request) }
        api.post("/session/link") { request, _ in try await sessions.signInWithLink(request) }
        api.get("/session") { request, _ in try await sessions.current(request) }
        api.delete("/session") { request, _ in try await sessions.signOut(request) }
        api.get("/events") { request, _ in try await events.stream(request) }
        api.get("/orgs/:org/overview") { request, context in
            try await overview.overview(request, org: try context.parameters.require("org"))
        }
        api.get("/orgs/:org/providers") { request, context in
            try await providers.providers(request, org: try context.parameters.require("org"))
        }
        api.get("/orgs/:org/users") { request, context in
            try await people.list(request, org: try context.parameters.require("org"), by: .user)
        }
        api.get("/orgs/:org/sessions") { request, context in
            try await people.list(request, org: try context.parameters.require("org"), by: .session)
        }
        api.get("/orgs/:org/audit") { request, context in try await audit.list(request, org: try context.parameters.require("org")) }
        api.get("/orgs/:org/members") { request, context in try await members.list(request, org: try context.parameters.require("org")) }
        api.post("/orgs/:org/members") { request, context in try await members.add(request, org: try context.parameters.require("org")) }
        api.put("/orgs/:org/members/:email") { request, context in
            try await members.setRole(request, org: try context.parameters.require("org"), email: try Self.decoded(context, "email"))
        }
        api.delete("/orgs/:org/members/:email") { request, context in
            try await members.remove(request, org: try context.parameters.require("org"), email: try Self.decoded(context, "email"))
        }
        api.get("/orgs/:org/policies") { request, context in
            try await policies.list(request, org: try context.parameters.require("org"))
        }
        api.put("/orgs/:org/logging") { request, context in
            try await policies.setLogging(request, org: try context.parameters.require("org"))
        }
        api.delete("/orgs/:org/logging") { request, context in
            try await policies.remove(request, org: try context.parameters.require("org"), guardrails: false)
        }
        api.put("/orgs/:org/guardrails") { request, context in
            try await policies.setGuardrails(request, org: try context.parameters.require("org"))
        }
        api.delete("/orgs/:org/guardrails") { request, context in
            try await policies.remove(request, org: try context.parameters.require("org"), guardrails: true)
        }
        api.get("/orgs/:org/cache") { request, context in try await cache.cache(request, org: try context.parameters.require("org")) }
        api.get("/orgs/:org/limits") { request, context in try await limits.list(request, org: try context.parameters.require("org")) }
        api.put("/orgs/:org/limits") { request, context in try await limits.setLimit(request, org: try context.parameters.require("org")) }
        api.delete("/orgs/:org/limits") { request, context in
            try await limits.removeLimit(request, org: try context.parameters.require("org"))
        }
        api.put("/orgs/:org/budgets") { request, context in try await limits.setBudget(request, org: try context.parameters.require("org"))
        }
        api.delete("/orgs/:org/budgets") { request, context in
            try await limits.removeBudget(request, org: try context.parameters.require("org"))
        }
        api.get("/orgs/:org/keys") { request, context in try await keys.list(request, org: try context.parameters.require("org")) }
        api.post("/orgs/:org/keys") { request, context in try await keys.create(request, org: try context.parameters.require("org")) }
        api.post("/orgs/:org/keys/:id/revoke") { request, context in
            try await keys.revoke(request, org: try context.parameters.require("org"), id: try context.parameters.require("id"))
        }
        api.post("/orgs/:org/keys/:id/rotate") { request, context in
            try await keys.rotate(request, org: try context.parameters.require("org"), id: try context.parameters.require("id"))
        }
        api.get("/orgs/:org/traces") { request, context in try await traces.list(request, org: try context.parameters.require("org")) }
        api.get("/orgs/:org/traces/:id") { request, context in
            try await traces.show(request, org: try context.parameters.require("org"), id: try context.parameters.require("id"))
        }
    }

    /// A path parameter with its percent-escapes undone (`owner%40acme.test`).
    static func decoded(_ context: BasicRequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
