@testable import BrokleCore
import Foundation
import Testing

@Suite struct APIKeyTokenTests {
    @Test func generatedKeysParseBackAndAreUnique() {
        var seen = Set<String>()
        for _ in 0..<500 {
            let token = APIKeyToken.generate()
            #expect(token.text.hasPrefix("bk_"))
            #expect(APIKeyToken(parsing: token.text) == token)
            #expect(token.publicID.count == 13)
            #expect(token.secret.count == 40)  // 200 bits of base32
            seen.insert(token.text)
        }
        #expect(seen.count == 500)
    }

    @Test func hashIsSHA256HexOfTheSecretAndMatchesOnlyIt() {
        let token = APIKeyToken.generate()
        #expect(token.secretHash.count == 64)
        #expect(!token.secretHash.contains(token.secret))
        #expect(token.matches(storedHash: token.secretHash))
        #expect(!token.matches(storedHash: APIKeyToken.generate().secretHash))
        // Known vector: SHA-256("abc").
        #expect(APIKeyToken.hash(secret: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: [
        "", "bk_", "sk-abc", "bk_short_secret", "bk_aaaaaaaaaaaaa", "BK_aaaaaaaaaaaaa_" + String(repeating: "a", count: 40),
        "bk_aaaaaaaaaaaaa_" + String(repeating: "a", count: 39), "bk_aaaaaaaaaaaaa_" + String(repeating: "A", count: 40),
    ])
    func malformedKeysDoNotParse(text: String) {
        #expect(APIKeyToken(parsing: text) == nil)
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equal([1, 2], [1, 2, 3]))
    }
}
