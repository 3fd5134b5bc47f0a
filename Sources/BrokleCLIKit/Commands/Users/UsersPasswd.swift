import BrokleCore
import BrokleGateway
import BrokleStorage
import ArgumentParser
import Foundation

/// `printf %s "$PASSWORD" | brokle users passwd EMAIL`
struct UsersPasswd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Set a member's dashboard password, read from stdin (12 to 72 bytes; one trailing newline is dropped).",
        discussion: """
            The password is stored only as a bcrypt hash. Setting one signs the member out of every dashboard \
            session it had. Never pass a password as an argument: it would show in the process list and shell history.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's e-mail address.") var email: String

    struct Row: OutputRow {
        static let columns = ["email", "password_set_at"]
        var email: String
        var passwordSetAt: Date
        enum CodingKeys: String, CodingKey { case email, passwordSetAt = "password_set_at" }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let email = try Email.normalize(email)
        var input = FileHandle.standardInput.readDataToEndOfFile()
        if input.last == UInt8(ascii: "\n") { input.removeLast() }
        if input.last == UInt8(ascii: "\r") { input.removeLast() }
        guard let password = String(data: input, encoding: .utf8) else {
            throw BrokleError(.usage, "the password on stdin is not UTF-8")
        }
        let hash = try DashboardPasswords.hash(password)
        let now = Date()
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let credential = try await UserCredentialStore(database).setPassword(email: email, hash: hash, now: now, by: context.actor)
            try context.emit(Row(email: credential.email, passwordSetAt: now))
            context.printer.finish()
        }
    }
}
