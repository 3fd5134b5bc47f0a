import NIOSSL
import Synchronization

/// The TLS context for `https` upstreams, made when the first one is dialled: making it parses the
/// system's trust roots, which a gateway whose upstreams are all plain HTTP (or a test that starts
/// a hundred gateways) should not pay for.
final class UpstreamTLS: Sendable {
    private let configuration: TLSConfiguration
    private let context = Mutex<Result<NIOSSLContext, any Error>?>(nil)

    init(_ configuration: TLSConfiguration) {
        self.configuration = configuration
    }

    /// The context, made once (a failure to make it is kept and thrown to every caller).
    func get() throws -> NIOSSLContext {
        try context.withLock { context in
            if let made = context { return made }
            let made = Result { try NIOSSLContext(configuration: configuration) }
            context = made
            return made
        }.get()
    }
}
