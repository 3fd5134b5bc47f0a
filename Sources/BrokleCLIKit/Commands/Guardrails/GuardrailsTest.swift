import ArgumentParser
import BrokleCore
import BrokleSettings
import Foundation

/// `brokle guardrails test [--text TEXT] [--config FILE [--model NAME] | --policy JSON]`
struct GuardrailsTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Show what a guardrail policy finds in a text and what the provider would receive.",
        discussion: """
            The text comes from --text or stdin. The policy is --policy (JSON, the shape brokle.yaml and \
            `guardrails set --policy` take), or brokle.yaml's (--config, BROKLE_CONFIG or ./brokle.yaml): its \
            guardrails.default merged with --model's own, its custom entities known; with neither, every entity is \
            masked. Prints one JSON line per finding (entity, detail, start and end as UTF-8 byte offsets, confidence, \
            action) — never the value — and a last line with the masked text and the entity that would block the \
            request, if any. Values to block are masked in that text too.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The text to screen (default: stdin).") var text: String?
    @Option(
        help: "Providers and models file (env BROKLE_CONFIG; default ./brokle.yaml if present).",
        completion: .file(extensions: ["yaml", "yml"]))
    var config: String?
    @Option(help: "Use this model's policy from the config, merged with guardrails.default.") var model: String?
    @Option(help: "A policy as JSON, instead of the config's.") var policy: String?

    func validate() throws {
        if policy != nil && (config != nil || model != nil) { throw ValidationError("--policy replaces --config and --model") }
    }

    func run() async throws {
        let loader = ConfigLoader()
        let context = try CommandContext(global, loader: loader)
        let (policy, custom) = try resolvePolicy(loader)
        let input = try text ?? Self.readStandardInput()
        let profile = GuardrailProfile(policy, custom: custom)
        // What would be blocked is masked here too: the output shows where, never what.
        var rules = profile.input.rules
        for (entity, action) in rules.actions where action == .block { rules.actions[entity] = .mask }
        if rules.fallback == .block { rules.fallback = .mask }
        let showing = GuardrailScreen(detector: profile.input.detector, rules: rules, direction: .input)
        let findings = profile.input.findings(in: input)
        for finding in findings {
            try context.emit(
                GuardrailFindingRow(
                    entity: finding.entity.name, detail: finding.detail, start: finding.range.lowerBound, end: finding.range.upperBound,
                    confidence: finding.confidence, action: profile.input.rules.action(for: finding.entity).rawValue))
        }
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        let masked = showing.apply(input, findings: findings, masker: &masker, tally: &tally) ?? input
        let blocked = findings.first { profile.input.rules.action(for: $0.entity) == .block }?.entity.name
        try context.emit(GuardrailResultRow(findings: findings.count, blocked: blocked, masked: masked))
        context.printer.finish()
    }

    private func resolvePolicy(_ loader: ConfigLoader) throws(BrokleError) -> (
        GuardrailPolicy, [(entity: GuardrailEntity, matcher: any GuardrailMatcher)]
    ) {
        if let policy {
            do {
                return (try GuardrailPolicy(json: policy), [])
            } catch {
                throw BrokleError(
                    .usage, "--policy: \(error.message)", hint: #"for example {"input": {"email": "mask", "default": "log"}}"#)
            }
        }
        let settings = try loader.loadGateway(global.flags, .init(config: config))
        var policy = settings.guardrails.defaultPolicy
        if let model {
            guard let route = settings.catalog.route(model) else {
                throw BrokleError(
                    .notFound, "no model '\(model)' in \(settings.catalogSource)", hint: "add it under models: in brokle.yaml")
            }
            policy = settings.guardrails.policy(for: route)
        }
        let custom = GuardrailProfile.matchers(settings.guardrails.customEntities)
        return (policy ?? GuardrailPolicy(input: GuardrailRules(fallback: .mask)), custom)
    }

    private static func readStandardInput() throws(BrokleError) -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw BrokleError(.usage, "stdin is not UTF-8 text", hint: "pass the text with --text, or pipe UTF-8 text")
        }
        return text
    }
}

/// One value `guardrails test` found: where, never what.
struct GuardrailFindingRow: OutputRow {
    static let columns = ["entity", "detail", "start", "end", "confidence", "action"]
    var entity: String
    var detail: String
    var start: Int
    var end: Int
    var confidence: Double
    var action: String
}

/// The last line of `guardrails test`: the text as the provider would receive it.
struct GuardrailResultRow: OutputRow {
    static let columns = ["findings", "blocked", "masked"]
    var findings: Int
    @Nullable var blocked: String?
    var masked: String
}
