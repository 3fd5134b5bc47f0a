import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 connection handling with a ``ConnectionWatch`` per connection, so a
/// stream learns that its client hung up while the connection stays reusable for the next request.
struct WatchedHTTP1Channel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let connection: HTTP1Channel.Value
        let watch: ConnectionWatch
        var channel: any Channel { connection.channel }
    }

    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { connection in
            let watch = ConnectionWatch()
            try channel.pipeline.syncOperations.addHandler(ClientHangUpHandler(watch), position: .first)
            return Value(connection: connection, watch: watch)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await ConnectionWatch.$current.withValue(value.watch) {
            await base.handle(value: value.connection, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with a hang-up watch per connection (see ``WatchedHTTP1Channel``).
    static func watchedHTTP1() -> HTTPServerBuilder {
        .init { responder in WatchedHTTP1Channel(base: HTTP1Channel(responder: responder)) }
    }
}
