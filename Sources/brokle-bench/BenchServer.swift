import Foundation
import Hummingbird
import NIOCore

/// Runs a bench server on 127.0.0.1 and prints `{"listening": PORT}` once it accepts connections
/// (`scripts/bench.sh` waits for that line).
enum BenchServer {
    static func run(_ router: Router<BasicRequestContext>, port: Int) async throws {
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                FileHandle.standardOutput.write(Data(#"{"listening":\#(channel.localAddress?.port ?? 0)}"#.utf8 + [0x0A]))
            }
        )
        try await app.runService()
    }
}
