@testable import BrokleCore
@testable import BrokleSettings
import Testing

@Suite struct DotEnvTests {
    @Test func readsThePlainForms() throws {
        let values = try DotEnv.parse(
            """
            # a comment
            A=1

            export B=two words
            C=
            D = spaced # trailing comment
            E=a=b
            """)
        #expect(values == ["A": "1", "B": "two words", "C": "", "D": "spaced", "E": "a=b"])
    }

    @Test func doubleQuotesHonourEscapesAndSpanLines() throws {
        let values = try DotEnv.parse(
            #"""
            A="line1\nline2"
            B="say \"hi\" # not a comment"
            C="first
            second"
            D="tab\there"
            """#)
        #expect(values["A"] == "line1\nline2")
        #expect(values["B"] == #"say "hi" # not a comment"#)
        #expect(values["C"] == "first\nsecond")
        #expect(values["D"] == "tab\there")
    }

    @Test func singleQuotesAreLiteral() throws {
        let values = try DotEnv.parse(#"A='raw\n $HOME "x"'"#)
        #expect(values["A"] == #"raw\n $HOME "x""#)
    }

    @Test func aQuotedValueSpanningLinesKeepsTheBlanksBeforeEachBreak() throws {
        // Found by DotEnvPropertyTests: the first line used to be trimmed before its quote was read.
        #expect(try DotEnv.parse("A='x \ny'\nB=\"1\t\n2\"") == ["A": "x \ny", "B": "1\t\n2"])
        #expect(try DotEnv.parse("export A=1  \n  B = 'two'  # note") == ["A": "1", "B": "two"])
    }

    @Test func laterLinesWin() throws {
        #expect(try DotEnv.parse("A=1\nA=2") == ["A": "2"])
    }

    @Test func handlesWindowsLineEndings() throws {
        #expect(try DotEnv.parse("A=1\r\nB=\"2\"\r\n") == ["A": "1", "B": "2"])
    }

    @Test(arguments: [
        ("JUSTAWORD", "1: expected KEY=value"),
        ("A=1\nBAD KEY=2", "2: invalid variable name"),
        ("1A=x", "1: invalid variable name"),
        ("A=\"open", "1: unterminated double quote"),
        ("A='x' tail", "1: unexpected text after the closing quote"),
    ])
    func malformedLinesAreErrorsNamingTheLine(text: String, expected: String) {
        #expect {
            try DotEnv.parse(text, source: "test.env")
        } throws: { error in
            guard let error = error as? BrokleError else { return false }
            return error.kind == .config && error.message.contains("test.env:" + expected)
        }
    }
}
