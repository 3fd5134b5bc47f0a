/// This build's version: `brokle --version`, and the instrumentation scope of exported spans.
package enum BrokleVersion {
    package static let current = "0.1.0"
}
