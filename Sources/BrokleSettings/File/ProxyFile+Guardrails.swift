import BrokleCore
import Foundation
import Yams

extension ProxyFile {
    /// `guardrails:` — custom entities, the default policy, and how often scopes' policies are read.
    ///
    /// ```yaml
    /// guardrails:
    ///   entities:
    ///     employee_id: 'EMP-[0-9]{6}'
    ///   default: { input: { secret: block, default: log } }
    ///   refresh: 10s
    /// ```
    struct Guardrails: Decodable {
        var entities: [String: String]?
        var defaultPolicy: GuardrailPolicy?
        var refresh: String?

        enum CodingKeys: String, CodingKey { case entities, defaultPolicy = "default", refresh }
    }

    /// The validated `guardrails:` section and its `refresh` when given; errors name the file and key.
    static func guardrailSettings(_ section: Guardrails?, source: String) throws(BrokleError) -> (GuardrailSettings, TimeInterval?) {
        guard let section else { return (GuardrailSettings(), nil) }
        var entities: [(name: String, pattern: String)] = []
        for (name, pattern) in (section.entities ?? [:]).sorted(by: { $0.key < $1.key }) {
            let key = "guardrails.entities.\(name)"
            guard GuardrailEntity.isValidName(name) else {
                throw bad(source, key, "invalid entity name (use 1 to 32 lower-case letters, digits and _; not default)")
            }
            guard !GuardrailEntity.alwaysKnown.contains(GuardrailEntity(name)) else {
                throw bad(source, key, "'\(name)' is a built-in entity (give a custom entity a name of its own)")
            }
            if let reason = patternError(pattern) { throw bad(source, key, "invalid pattern '\(pattern)': \(reason)") }
            entities.append((name, pattern))
        }
        let settings = GuardrailSettings(customEntities: entities, defaultPolicy: section.defaultPolicy)
        if let policy = section.defaultPolicy { try check(policy, with: settings, key: "guardrails.default", source: source) }
        var refresh: TimeInterval?
        if let text = section.refresh {
            let seconds = try duration(text, source: source, key: "guardrails.refresh")
            guard seconds >= 0.1, seconds <= 3600 else { throw bad(source, "guardrails.refresh", "must be between 100ms and 1h") }
            refresh = seconds
        }
        return (settings, refresh)
    }

    /// Why `pattern` cannot be a custom entity's pattern (``LinearPattern``'s reason, with the
    /// offset at fault), or nil when it can.
    static func patternError(_ pattern: String) -> String? {
        guard !pattern.isEmpty else { return "an empty pattern would match nothing" }
        do {
            _ = try LinearPattern(pattern)
            return nil
        } catch {
            return error.description
        }
    }

    /// Refuses a policy naming an entity that is neither built in, `deny`, nor custom.
    static func check(_ policy: GuardrailPolicy, with settings: GuardrailSettings, key: String, source: String) throws(BrokleError) {
        guard let unknown = settings.unknownEntity(in: policy) else { return }
        throw bad(source, "\(key).\(unknown.direction.rawValue).\(unknown.entity.name)", unknown.message)
    }

    /// Only the `guardrails:` section of a brokle.yaml (for commands that need nothing else, so the
    /// other sections' `${VAR}`s need not be set); empty settings when it has none.
    static func loadGuardrails(path: String, lookup: (String) -> String?) throws(BrokleError) -> GuardrailSettings {
        let raw = try read(path)
        let section: String
        do {
            guard let node = try Yams.compose(yaml: raw)?["guardrails"] else { return GuardrailSettings() }
            section = try Yams.serialize(node: node)
        } catch {
            throw BrokleError(.config, "\(path): \(error)")
        }
        let text = try VariableExpansion.expand(section, source: path, lookup: lookup)
        let guardrails: Guardrails?
        do {
            guardrails = try YAMLDecoder().decode(Guardrails?.self, from: text)
        } catch let error as DecodingError {
            throw BrokleError(.config, "\(path): guardrails: \(describe(error))")
        } catch {
            throw BrokleError(.config, "\(path): guardrails: \(error)")
        }
        return try guardrailSettings(guardrails, source: path).0
    }
}
