import ArgumentParser

/// `brokle budgets`: USD budgets per calendar period on keys, environments, projects and organizations.
struct BudgetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgets",
        abstract: "Set, list, show and remove USD budgets per day, week or month on a scope, with what the period has used.",
        discussion: """
            A scope is one of --org ORG, --project ORG/PROJECT, --env ORG/PROJECT/ENV or --key ID. Periods are \
            calendar periods in UTC (weeks start on Monday). spent_usd is settled spend, reserved_usd what running \
            requests and proxy instances hold, remaining_usd what is left of limit_usd.
            """,
        subcommands: [BudgetsSet.self, BudgetsList.self, BudgetsShow.self, BudgetsRemove.self]
    )
}
