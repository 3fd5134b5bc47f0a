/// Why a guardrail policy (JSON, brokle.yaml or command-line flags) was refused, for people: the
/// callers add where it came from (the file and key, or the flag).
package struct GuardrailPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
