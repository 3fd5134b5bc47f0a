/// Which text a rule applies to: what the client sends (`input`) or what the model answers (`output`).
package enum GuardrailDirection: String, Sendable, Hashable, Comparable, CaseIterable {
    case input
    case output

    /// The actions a policy may give in this direction: every one on input; on output not `block`,
    /// since an answer already produced cannot be refused (it can be masked).
    package var allowedActions: [GuardrailAction] {
        switch self {
        case .input: GuardrailAction.allCases
        case .output: [.off, .log, .mask]
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs == .input && rhs == .output }
}
