import BrokleCore
import BrokleStorage
import ArgumentParser

/// `--user`, `--session`, `--tag`, `--meta k=v`: who and what a request was for, as the client said
/// (x-brokle-user or the body's user field, x-brokle-session, x-brokle-tags, x-brokle-metadata).
struct IdentityFilterOptions: ParsableArguments {
    @Option(help: "Only this end user's requests.") var user: String?
    @Option(help: "Only this session's requests (in conversation order: oldest first unless --order is given).") var session: String?
    @Option(help: ArgumentHelp("Only requests carrying this tag; repeat for several (all must match).", valueName: "tag"))
    var tag: [String] = []
    @Option(
        help: ArgumentHelp(
            "Only requests whose metadata has KEY with VALUE (a string's value, a number's or boolean's literal); repeat for several (all must match).",
            valueName: "key=value"))
    var meta: [String] = []

    func validate() throws {
        for value in [user, session].compactMap({ $0 }) where value.isEmpty {
            throw ValidationError("--user and --session take a non-empty value")
        }
        if tag.contains(where: \.isEmpty) { throw ValidationError("--tag takes a non-empty value") }
        for pair in meta where Self.split(pair) == nil {
            throw ValidationError("--meta takes KEY=VALUE (got '\(pair)')")
        }
    }

    func apply(to filter: inout TraceFilter) {
        filter.endUser = user
        filter.sessionID = session
        filter.tags = tag
        filter.metadata = meta.compactMap(Self.split).map { TraceFilter.MetadataMatch(key: $0.key, value: $0.value) }
    }

    /// `key=value` at the first `=`; the key must not be empty, the value may be.
    static func split(_ pair: String) -> (key: String, value: String)? {
        guard let equals = pair.firstIndex(of: "="), equals > pair.startIndex else { return nil }
        return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
    }
}
