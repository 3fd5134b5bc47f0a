import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle keys create --project ORG/PROJECT --env ENV [--name] [--expires-in|--expires-at] [--models]
/// [--rpm N] [--tpm N] [--concurrency N] [--budget-usd AMOUNT --budget-period P] [--if-not-exists]`
struct KeysCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API key. Its secret is printed once, in the `key` field, and never again.",
        discussion: """
            --rpm, --tpm, --concurrency and --budget-usd with --budget-period set the key's own limits and budget in \
            the same transaction as the key (see `brokle limits` and `brokle budgets`).
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "ORG/PROJECT the key belongs to.") var project: String
    @Option(help: "Environment of the project (e.g. production).") var env: String
    @Option(help: "A name to recognise the key by.") var name: String?
    @Option(help: "Expire after this long: 30d, 12h, 90m, 2w.") var expiresIn: String?
    @Option(help: "Expire at this RFC 3339 time (2027-01-01T00:00:00Z).") var expiresAt: String?
    @Option(help: "Comma-separated models the key may use; * is a wildcard (gpt-4o,claude-*). Default: all.") var models: String?
    @OptionGroup var limits: RateLimitOptions
    @Option(name: .customLong("budget-usd"), help: "The key's budget in USD per --budget-period (a decimal number).")
    var budgetUSD: String?
    @Option(name: .customLong("budget-period"), help: "The period of --budget-usd: day, week or month.") var budgetPeriod: BudgetPeriod?
    @Flag(help: "If a live key with this --name exists in the environment, print it (without a secret) and succeed.") var ifNotExists =
        false

    func validate() throws {
        if expiresIn != nil && expiresAt != nil { throw ValidationError("pass --expires-in or --expires-at, not both") }
        if ifNotExists && name == nil { throw ValidationError("--if-not-exists needs --name to know which key to reuse") }
        if (budgetUSD == nil) != (budgetPeriod == nil) { throw ValidationError("--budget-usd and --budget-period go together") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let target = try ProjectPath(project)
        let envSlug = try Slug.validate(env, what: "environment")
        let patterns = try models.map { (text) throws(BrokleError) in try ModelPattern.list(text) }
        let expiry = try KeysCreate.expiry(in: expiresIn, at: expiresAt)
        var budget: (period: BudgetPeriod, limitNanoUSD: Int64)?
        if let budgetUSD, let budgetPeriod { budget = (budgetPeriod, try USDAmount.nanoUSD(budgetUSD, what: "--budget-usd")) }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let environment = try await EnvironmentStore(database).get(org: target.org, project: target.project, slug: envSlug)
            let store = KeyStore(database)
            if ifNotExists, let name, let existing = try await store.live(named: name, in: environment) {
                context.logger.info(
                    "a live key with this name exists; reusing it (its secret is not shown again)",
                    metadata: ["key.public_id": "\(existing.publicID)"])
                try context.emit(KeyRow(existing, limits: try await KeyLimitsField.stored(for: existing, in: database)))
            } else {
                let (key, token) = try await store.create(
                    in: environment, name: name, expiresAt: expiry, models: patterns, limits: limits.limits, budget: budget,
                    by: context.actor)
                try context.emit(KeyRow(key, token: token, limits: KeyLimitsField(limits.limits, budget: budget)))
            }
            context.printer.finish()
        }
    }

    static func expiry(in relative: String?, at absolute: String?) throws(BrokleError) -> Date? {
        if let relative {
            let seconds = try DurationText.seconds(relative, what: "--expires-in")
            guard seconds > 0 else { throw BrokleError(.usage, "--expires-in must be longer than zero") }
            return Date().addingTimeInterval(seconds)
        }
        if let absolute {
            guard let date = RFC3339.date(from: absolute) else {
                throw BrokleError(.usage, "invalid --expires-at '\(absolute)'", hint: "use RFC 3339, e.g. 2027-01-01T00:00:00Z")
            }
            guard date > Date() else { throw BrokleError(.usage, "--expires-at \(absolute) is in the past") }
            return date
        }
        return nil
    }
}
