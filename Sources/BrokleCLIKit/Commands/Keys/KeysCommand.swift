import ArgumentParser

/// `brokle keys`: virtual API keys for the gateway.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list, revoke and rotate virtual API keys (bk_...).",
        subcommands: [KeysCreate.self, KeysList.self, KeysShow.self, KeysRevoke.self, KeysRotate.self]
    )
}
