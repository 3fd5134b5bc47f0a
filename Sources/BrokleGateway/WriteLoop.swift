import ServiceLifecycle

/// The loop of a service that writes in batches what the request path left with it (the response
/// cache, stored responses): `sweep` every `sweepInterval` seconds (and at start when
/// `sweepsAtStart`), `flush` every `interval`, and a last `flush` once the service is asked to stop.
enum WriteLoop {
    static func run(
        every interval: Double, sweepEvery sweepInterval: Double, sweepsAtStart: Bool = true, flush: () async -> Void,
        sweep: () async -> Void
    ) async {
        if sweepsAtStart { await sweep() }
        var lastSweep = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            await flush()
            if ContinuousClock.now - lastSweep >= .seconds(sweepInterval) {
                await sweep()
                lastSweep = .now
            }
        }
        await flush()
    }
}
