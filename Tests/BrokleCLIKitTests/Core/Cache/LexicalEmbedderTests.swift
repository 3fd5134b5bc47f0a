@testable import BrokleCore
import Testing

@Suite struct LexicalEmbedderTests {
    let embedder = LexicalEmbedder()

    func similarity(_ a: String, _ b: String) -> Float {
        zip(embedder.vector(a), embedder.vector(b)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test func vectorsAreUnitLengthAndTheEmptyTextIsZero() async throws {
        let vector = embedder.vector("How do I reverse a linked list in Python?")
        #expect(vector.count == 512)
        #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        #expect(embedder.vector("").allSatisfy { $0 == 0 })
        #expect(embedder.vector("  ?! … ").allSatisfy { $0 == 0 })
        let embedding = try await embedder.embed("Hello, wörld!")
        #expect(embedding.tokens == 2 && embedding.costNanoUSD == nil)
        #expect(embedding.vector == embedder.vector("hello WÖRLD"))
    }

    @Test func isTheSameOnEveryRunAndNamesItsDimension() {
        // Pinned values: a change here changes every stored vector, so it needs a new id (lexical-v2).
        let vector = LexicalEmbedder(dimension: 8).vector("cache me")
        #expect(vector.map { ($0 * 1000).rounded() } == Self.pinned)
        #expect(LexicalEmbedder().id == "lexical-v1/512")
        #expect(LexicalEmbedder(dimension: 64).id == "lexical-v1/64")
        #expect(LexicalEmbedder(dimension: 64).vector("x").count == 64)
    }

    static let pinned: [Float] = [65, 489, 0, 489, 489, 196, 489, 0]

    @Test func nearDuplicatesAreCloseAndDifferentPromptsAreNot() {
        let prompt = "Why is my Docker container exiting immediately after it starts?"
        #expect(similarity(prompt, prompt) > 0.9999)
        #expect(similarity(prompt, "why is my docker container exiting immediately after it starts") > 0.9999)
        #expect(similarity(prompt, "Why is my Docker container exiting immediatly after it starts?") > 0.85)
        #expect(similarity(prompt, "Why is my Docker container exiting immediately after it starts? Any idea?") > 0.9)
        #expect(similarity(prompt, "What is the capital of Australia?") < 0.3)
    }

    @Test func wordsAreLowerCasedUnicodeTokens() {
        let words = LexicalEmbedder.words("Don't STOP—naïve café's 3.5x").map {
            String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init)))
        }
        #expect(words == ["dont", "stop", "naïve", "cafés", "3", "5x"])
    }
}
