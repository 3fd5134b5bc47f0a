import BrokleCore
import BrokleSettings
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle route test --model NAME [--project ORG/PROJECT --env ENV] [--dry-run | --first]`
struct RouteTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Print a model's route plan, one JSON line per candidate in order, and try the candidates.",
        discussion: """
            Reads the same brokle.yaml as `brokle proxy` (--config, BROKLE_CONFIG or ./brokle.yaml). Each line has the \
            strategy, the reason for the candidate's place, its weight, circuit state and estimated price. Without \
            --dry-run a minimal request ("ping", at most 5 tokens) goes to each candidate (or the first, with --first) \
            and the line adds its HTTP status and latency. This process has no live traffic, so circuits read closed \
            and least-latency has no measurements; a running proxy exports its own in brokle_circuit_state.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The public model name (or provider/model).") var model: String
    @Option(help: "Check access for the keys of this ORG/PROJECT (with --env).") var project: String?
    @Option(help: "The environment of --project.") var env: String?
    @Option(
        help: "Providers and models file (env BROKLE_CONFIG; default ./brokle.yaml if present).",
        completion: .file(extensions: ["yaml", "yml"]))
    var config: String?
    @Flag(help: "Only explain the order; send nothing.") var dryRun = false
    @Flag(help: "Send the test request to the first candidate only.") var first = false
    @Option(help: "Prompt tokens assumed for price estimates.") var inputTokens = 1000
    @Option(help: "Completion tokens assumed for price estimates.") var outputTokens = 256

    func validate() throws {
        if (project == nil) != (env == nil) { throw ValidationError("--project and --env go together") }
        if dryRun && first { throw ValidationError("--first sends a request; it cannot be combined with --dry-run") }
        if inputTokens < 0 || outputTokens < 0 { throw ValidationError("token counts cannot be negative") }
    }

    func run() async throws {
        let loader = ConfigLoader()
        let context = try CommandContext(global, loader: loader)
        let settings = try loader.loadGateway(global.flags, .init(config: config))
        guard let route = settings.catalog.route(model) else {
            let known = settings.catalog.models.map(\.name).joined(separator: ", ")
            throw BrokleError(
                .notFound, "no model '\(model)' in \(settings.catalogSource)",
                hint: known.isEmpty ? "add it under models: in brokle.yaml" : "configured models: \(known)")
        }
        let access = try await keyAccess(context)
        var random = SystemRandomNumberGenerator()
        let inputs = RoutePlanner.Inputs(
            estimatedCostUSD: RouteCostEstimate.usd(route, prices: settings.prices, inputTokens: inputTokens, outputTokens: outputTokens),
            exploration: 0
        )
        let plan = RoutePlanner.plan(route, inputs, random: &random)
        var rows = plan.enumerated().map { index, candidate in
            RouteRow(
                model: route.name, strategy: route.strategy.rawValue, position: index + 1, provider: candidate.target.provider,
                providerKind: settings.catalog.provider(named: candidate.target.provider)?.kindName ?? "unknown",
                upstreamModel: candidate.target.model, weight: candidate.target.weight, circuit: candidate.circuit.rawValue,
                available: candidate.available, reason: candidate.reason, estimatedCostUSD: candidate.estimatedCostUSD,
                keyAccess: access
            )
        }
        if !dryRun {
            try await probe(&rows, settings: settings, timeout: route.resilience.attemptTimeout ?? 30)
        }
        for row in rows { try context.emit(row) }
        context.printer.finish()
    }

    /// With --project/--env: `allowed` when an active key there may use the model, else `denied`.
    private func keyAccess(_ context: CommandContext) async throws(BrokleError) -> String? {
        guard let project, let env else { return nil }
        let path = try ProjectPath(project)
        let environment = try Slug.validate(env, what: "environment")
        return try await context.withMigratedDatabase { database throws(BrokleError) in
            _ = try await EnvironmentStore(database).get(org: path.org, project: path.project, slug: environment)
            let keys = try await KeyStore(database).list(.init(org: path.org, project: path.project, environment: environment))
            let now = Date()
            return keys.contains { $0.status(at: now) == .active && $0.context.allows(model: model) } ? "allowed" : "denied"
        }
    }

    /// Sends the minimal request to each candidate (or the first) and notes status and latency.
    private func probe(_ rows: inout [RouteRow], settings: GatewaySettings, timeout: Double) async throws {
        let tried = first ? Array(rows.prefix(1)) : rows
        let probe = RouteProbe(catalog: settings.catalog, timeout: timeout)
        let outcomes = try await probe.run(tried.map { RouteTarget(provider: $0.provider, model: $0.upstreamModel) })
        for (index, outcome) in outcomes.enumerated() {
            rows[index].status = outcome.status
            rows[index].latencyMs = outcome.latencyMs
            rows[index].error = outcome.error
        }
    }
}
