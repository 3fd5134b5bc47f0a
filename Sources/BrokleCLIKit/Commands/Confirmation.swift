import BrokleCore
import Foundation

/// Asks before destructive work: a yes/no prompt on stderr when stdin is a terminal, otherwise an
/// error telling the script to pass the confirmation flag.
enum Confirmation {
    static func require(_ question: String, flag: String) throws(BrokleError) {
        guard isatty(STDIN_FILENO) == 1 else {
            throw BrokleError(
                .confirmationRequired, "refusing without confirmation: \(question)",
                hint: "pass \(flag) to confirm when not running on a terminal"
            )
        }
        FileHandle.standardError.write(Data("\(question) Type 'yes' to continue: ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "yes" || answer == "y" else {
            throw BrokleError(.confirmationRequired, "not confirmed; nothing was changed")
        }
    }
}
