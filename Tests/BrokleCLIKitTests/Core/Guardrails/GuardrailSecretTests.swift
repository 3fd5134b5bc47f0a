@testable import BrokleCore
import Testing

/// Keys, tokens, private keys and `password=…` values. The fake keys are built from pieces so that
/// no scanner of this repository mistakes the test for a leak.
@Suite struct GuardrailSecretTests {
    static let body48 = String(repeating: "aB3dE5fG7hJ9", count: 4)

    @Test func prefixedKeys() {
        let cases: [(String, String)] = [
            ("bk_" + "abcdefghijk23" + "_" + String(repeating: "a2b3c4d5", count: 5), "brokle_key"),
            ("sk-" + Self.body48, "openai_key"),
            ("sk-proj-" + Self.body48 + "_x-Y", "openai_key"),
            ("sk-svcacct-" + Self.body48, "openai_key"),
            ("sk-ant-api03-" + Self.body48 + Self.body48, "anthropic_key"),
            ("sk-ant-admin01-" + Self.body48, "anthropic_key"),
            ("AKIA" + "IOSFODNN7EXAMPLE", "aws_access_key"),
            ("ASIA" + "Y34FZKBOKMUTVV7A", "aws_access_key"),
            ("ghp_" + String(Self.body48.prefix(36)), "github_token"),
            ("gho_" + String(Self.body48.prefix(36)), "github_token"),
            ("github_pat_" + "11ABCDEFG0" + String(Self.body48.prefix(40)) + "_" + Self.body48, "github_token"),
            ("xoxb-" + "1234567890-0987654321-" + "AbCdEfGhIjKlMnOpQrStUvWx", "slack_token"),
            ("xoxp-" + "1234567890-abcdef", "slack_token"),
            ("sk_live_" + String(Self.body48.prefix(24)), "stripe_key"),
            ("rk_test_" + String(Self.body48.prefix(24)), "stripe_key"),
            ("pk_live_" + String(Self.body48.prefix(24)), "stripe_key"),
            ("AIza" + "SyA-1234567890abcdefghijklmnopqrstu", "google_api_key"),
        ]
        for (key, detail) in cases {
            let found = GuardrailDetector().findings(in: "export KEY \(key) now")
            #expect(found.count == 1, "\(key)")
            #expect(found.first.map { $0.range } == 11..<(11 + key.utf8.count), "\(key)")
            #expect(found.first?.detail == detail, "\(key)")
            #expect(found.first.map { $0.confidence >= 0.95 } == true, "\(key)")
        }
    }

    @Test func keyLookalikesAreNot() {
        for text in [
            "sk-learn is a library", "the sk-" + String(repeating: "a", count: 40) + " name", "AKIA123", "AKIAIOSFODNN7EXAMPLE1",
            "ghp_short", "xoxb-", "eyJhbGciOi", "sk-" + String(repeating: "sk-", count: 300), "bk_abc_def", "my-api-key-here",
        ] {
            #expect(Detected.values(in: text, .secret).isEmpty, "\(text)")
        }
    }

    @Test func jwts() {
        let jwt =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        #expect(Detected.all(in: "Authorization: Bearer \(jwt)") == [Detected(.secret, "jwt", jwt)])
        #expect(Detected.all(in: "token \(jwt).") == [Detected(.secret, "jwt", jwt)])
        #expect(Detected.values(in: "eyJhbGciOiJIUzI1NiJ9.notajwt", .secret).isEmpty)
    }

    @Test func bearerCredentials() {
        #expect(
            Detected.all(in: "Authorization: Bearer abc123def456ghi789jkl0") == [
                Detected(.secret, "bearer_token", "abc123def456ghi789jkl0")
            ])
        #expect(Detected.values(in: "a bearer of bad news", .secret).isEmpty)
    }

    @Test func slackWebhooks() {
        let url = "https://hooks.slack.com/services/" + "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
        #expect(Detected.all(in: "post to \(url) please") == [Detected(.secret, "slack_webhook", url)])
    }

    @Test func privateKeys() {
        let block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nZ9x/+abc==\n-----END RSA PRIVATE KEY-----"
        #expect(Detected.all(in: "key:\n\(block)\nthanks") == [Detected(.secret, "pem_private_key", block)])
        let escaped = #"{"key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n"}"#
        #expect(Detected.values(in: escaped, .secret) == [#"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----"#])
        // Cut off: the header and the base64 after it.
        #expect(
            Detected.values(in: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\nAAAA rest of text", .secret) == [
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\nAAAA"
            ])
        #expect(Detected.values(in: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", .secret).isEmpty)
        #expect(Detected.values(in: "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", .secret).isEmpty)
    }

    @Test func assignmentsCoverTheValueOnly() {
        let cases: [(String, String, String)] = [
            ("password=hunter22", "hunter22", "password"),
            ("DB_PASSWORD: 's3cr3t!pw'", "s3cr3t!pw", "password"),
            (#"{"password": "correct horse battery"}"#, "correct horse battery", "password"),
            (#"{\"passwd\":\"p@ss-w0rd\"}"#, "p@ss-w0rd", "password"),
            ("dbPassword = Tr0ub4dor&3", "Tr0ub4dor&3", "password"),
            ("My password is hunter22, ok?", "hunter22", "password"),
            ("Mot de passe : 0FB8-F9+gt!Tu", "0FB8-F9+gt!Tu", "password"),
            ("Mein Passwort ist Tokyo382$ – danke", "Tokyo382$", "password"),
            ("Mi contraseña es Qwerty398# y no", "Qwerty398#", "password"),
            ("パスワード: hunter604&", "hunter604&", "password"),
            ("DATABASE_URL=postgres://app:DSUMFAjUq4@db.internal:5432/app", "DSUMFAjUq4", "url_password"),
            ("mysql -u root -p'Berlin810$' -h db", "Berlin810$", "password"),
            ("client_secret=abcDEF123456", "abcDEF123456", "secret"),
            ("x-api-key: 9f8e7d6c5b4a", "9f8e7d6c5b4a", "api_key"),
            ("ACCESS_TOKEN=ya29.a0AfH6SMB", "ya29.a0AfH6SMB", "token"),
            (
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "aws_secret_key"
            ),
            ("url?user=bob&pwd=letmein1&x=1", "letmein1", "password"),
        ]
        for (text, value, detail) in cases {
            #expect(Detected.all(in: text, only: [.secret]) == [Detected(.secret, detail, value)], "\(text)")
        }
    }

    @Test func codeIsNotASecret() {
        for text in [
            "var token: Substring", "package var password: String?", "let token = bytes[start..<index]", "secret = fresh.secret",
            "api_key=os.environ[\"KEY\"]", "let apiKey = self.apiKey.flatMap { $0 }", "token = token.dropFirst()",
            "struct APIKeyToken: Sendable {", "postgres://user:pass@host:5432/db", "postgres://brokle:***@db.internal/brokle",
        ] {
            #expect(Detected.values(in: text, .secret).isEmpty, "\(text)")
        }
        #expect(Detected.values(in: "password=letmein", .secret) == ["letmein"])
    }

    @Test func assignmentLookalikesAreNot() {
        for text in [
            "password: please choose a strong one", "password=***", "password=<your password>", "password=${DB_PASSWORD}",
            "token: null", "max_tokens: 4096", "token=12", "if password == other", "bypass=yes-sir", "passwordless login",
            "secret=xxxx", "password: \"\"", "token=abcd", "export ANTHROPIC_API_KEY=your-key-here", "the password is required",
            "Forgot password? Click here.", "パスワードを忘れた場合", "https://user@example.com/path",
        ] {
            #expect(Detected.values(in: text, .secret).isEmpty, "\(text)")
        }
    }
}
