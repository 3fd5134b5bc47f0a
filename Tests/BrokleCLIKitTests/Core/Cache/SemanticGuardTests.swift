@testable import BrokleCore
import Testing

@Suite struct SemanticGuardTests {
    @Test func refusesDifferentNumbers() {
        let refused = [
            ("What is 17 times 23?", "What is 17 times 24?"),
            ("Round 3.14 to 2 places", "Round 3.15 to 2 places"),
            ("Convert 1,500 euros", "Convert 15,000 euros"),
            ("Is -5 greater than 3?", "Is 5 greater than 3?"),
            ("Summarize in three bullet points", "Summarize in five bullet points"),
            ("Summarize in three bullet points", "Summarize in 4 bullet points"),
            ("Explain the second law", "Explain the first law"),
            ("the 2nd item", "the 3rd item"),
            ("one hundred rows", "one thousand rows"),
            ("add 2 and 2", "add 2"),
            ("a twenty word summary", "a summary"),
        ]
        for (a, b) in refused { #expect(!SemanticGuard.allows(a, b), "\(a) | \(b)") }
        let allowed = [
            ("Convert 1,500 euros", "convert 1500 euros!"),
            ("Round 2.50 please", "round 2.5"),
            ("Summarize in three bullet points.", "Summarize in 3 bullet points"),
            ("Explain the second law", "explain the 2nd law"),
            ("What is 007?", "what is 7"),
        ]
        for (a, b) in allowed { #expect(SemanticGuard.allows(a, b), "\(a) | \(b)") }
    }

    @Test func refusesANegationOnOneSideOnly() {
        let refused = [
            ("Which users logged in?", "Which users never logged in?"),
            ("Why does the test pass?", "Why doesn't the test pass?"),
            ("Why does the test pass?", "Why doesnt the test pass?"),
            ("Why does the test pass?", "Why does the test not pass?"),
            ("orders with a coupon", "orders without a coupon"),
            ("users with an email", "users with no email"),
            ("Who replied?", "Nobody replied?"),
            ("I can reach the server", "I cannot reach the server"),
            ("I can reach the server", "I can’t reach the server"),
            ("what changed", "nothing changed"),
        ]
        for (a, b) in refused { #expect(!SemanticGuard.allows(a, b), "\(a) | \(b)") }
        #expect(SemanticGuard.allows("Why isn't it working?", "why is it not working"))
        #expect(SemanticGuard.allows("Don't retry on 4xx", "do not retry on 4xx!"))
    }

    @Test func refusesOpposites() {
        let refused = [
            ("enable logging", "disable logging"), ("lock the row", "unlock the row"), ("allow ssh", "disallow ssh"),
            ("I like it", "I dislike it"), ("include headers", "exclude headers"), ("increase the limit", "decrease the limit"),
            ("add a user", "remove a user"), ("turn it on", "turn it off"), ("scroll up", "scroll down"),
            ("run before deploy", "run after deploy"), ("min value", "max value"), ("encrypt the file", "decrypt the file"),
            ("upload a file", "download a file"), ("import data", "export data"), ("accept the PR", "reject the PR"),
            ("set it to true", "set it to false"), ("answer yes", "answer no"), ("open the port", "close the port"),
            ("start the job", "stop the job"), ("buy the stock", "sell the stock"), ("a valid token", "an invalid token"),
            ("a blocking call", "a nonblocking call"), ("compose it", "decompose it"), ("is it able to", "is it unable to"),
            ("enables caching", "disabled caching"), ("increasing the pool", "decreases the pool"), ("the oldest row", "the newest row"),
        ]
        for (a, b) in refused { #expect(!SemanticGuard.allows(a, b), "\(a) | \(b)") }
        #expect(SemanticGuard.allows("enable then disable the flag", "disable then enable the flag"))
        #expect(SemanticGuard.allows("convert it into JSON", "convert it to JSON"))
    }

    @Test func allowsHarmlessDifferences() {
        let prompt = "How do I reverse a linked list in Python?"
        for other in [
            "how do i reverse a linked list in python", "How do I reverse a linked-list in Python??",
            "Please, how do I reverse a linked list in Python?",
            "How do I revrese a linked list in Python?", "In Python, how do I reverse a linked list?", prompt,
        ] {
            #expect(SemanticGuard.allows(prompt, other), "\(other)")
        }
        #expect(SemanticGuard.allows("", ""))
    }
}
