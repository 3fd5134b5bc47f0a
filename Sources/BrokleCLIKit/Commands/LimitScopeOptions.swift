import BrokleCore
import ArgumentParser

/// The scope of a `limits` or `budgets` command: ``ScopeOptions``, or with `--per-user` each end
/// user of an environment (the end user a request names: OpenAI's `user`, Anthropic's
/// `metadata.user_id` or `x-brokle-user`), each with counters of its own.
struct LimitScopeOptions: ParsableArguments {
    @OptionGroup var scope: ScopeOptions
    @Flag(
        help: ArgumentHelp(
            "With --env: the limit applies to each end user of the environment separately.",
            discussion: "Requests that name no end user are not counted against it."))
    var perUser = false

    func validate() throws {
        if perUser && scope.env == nil { throw ValidationError("--per-user goes with --env ORG/PROJECT/ENV") }
    }

    /// The scope named, with its slugs checked.
    func reference() throws(BrokleError) -> ScopeReference {
        guard perUser, let env = scope.env else { return try scope.reference() }
        return .endUsers(try EnvironmentPath(env))
    }
}
