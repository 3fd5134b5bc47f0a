import BrokleCore
import BrokleSettings
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle ui link --email EMAIL [--ttl 15m]`
struct UILink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Print a one-time dashboard sign-in link for a member.",
        discussion: """
            The link signs in once, within --ttl, and then stops working; the token is stored only as its SHA-256. It \
            points at BROKLE_UI_URL, else at http://BROKLE_HOST:BROKLE_PORT. Anyone holding the link can sign in as the \
            member until it is used: hand it over as you would a password.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The member's e-mail address.") var email: String
    @Option(help: "How long the link works (1m to 24h).") var ttl = "15m"

    struct Row: OutputRow {
        static let columns = ["email", "expires_at", "url"]
        var email: String
        var url: String
        var expiresAt: Date
        enum CodingKeys: String, CodingKey { case email, url, expiresAt = "expires_at" }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let email = try Email.normalize(email)
        let seconds = try DurationText.seconds(ttl, what: "--ttl")
        guard (60...86_400).contains(seconds) else { throw BrokleError(.usage, "--ttl must be from 1m to 24h: '\(ttl)'") }
        let base = try ConfigLoader().dashboardURL(global.flags)
        let now = Date()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            guard let credential = try await UserCredentialStore(database).credential(email: email) else {
                throw UserCredentialStore.notFound(email)
            }
            let secret = SignInSecret.make()
            try await DashboardSessionStore(database).issueLink(
                secret, userID: credential.userID, lifetime: .milliseconds(Int64(seconds * 1000)), now: now)
            try context.emit(
                Row(email: credential.email, url: "\(base)/ui/#link=\(secret.value)", expiresAt: now.addingTimeInterval(seconds)))
            context.printer.finish()
        }
    }
}
