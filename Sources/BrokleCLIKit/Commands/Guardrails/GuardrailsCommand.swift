import ArgumentParser

/// `brokle guardrails`: guardrail policies on keys, environments, projects and organizations.
struct GuardrailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guardrails",
        abstract: "Set, list, show and remove the guardrail policy of a scope: what is masked, logged or blocked; test a policy on a text.",
        discussion: """
            A scope is one of --org ORG, --project ORG/PROJECT, --env ORG/PROJECT/ENV or --key ID. A request gets the \
            policies of its model (brokle.yaml), its organization, project, environment and key merged: per entity the \
            strictest action wins, deny-lists are united, and values are restored if any policy says so.
            """,
        subcommands: [GuardrailsSet.self, GuardrailsList.self, GuardrailsShow.self, GuardrailsRemove.self, GuardrailsTest.self]
    )
}
