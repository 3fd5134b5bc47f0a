/// What each stage adds to the outcome, kept here so the handler reads as the list of stages.
extension RequestOutcome {
    /// Every attempt failed (or none could run): the attempts go to the trace, the last target
    /// names the provider.
    mutating func attemptsFailed(_ failed: AttemptsFailed, upstreamTime: Duration) {
        failedAttempts = failed.failures
        servedAttempt = false
        if let last = failed.failures.last {
            provider = last.target.provider
            upstreamModel = last.target.model
        }
        self.upstreamTime = upstreamTime
        if failed.error == .cancelled { status = .cancelled }
    }

    /// An attempt answered, after the failed ones before it.
    mutating func served(_ served: ServedAttempt, upstreamStarted: ContinuousClock.Instant) {
        provider = served.target.provider
        upstreamModel = served.target.model
        failedAttempts = served.failures
        attemptStarted = served.startedAt
        routingTime = served.started - upstreamStarted
        if telemetry != nil, case .complete(_, let body, _) = served.reply { telemetry?.answer = (body, served.reader) }
    }

    /// The outcome once its stream has ended.
    func finished(by relay: RelayResult) -> RequestOutcome {
        var outcome = self
        outcome.status = relay.status
        outcome.httpStatus = relay.httpStatus
        outcome.error = relay.error
        outcome.usage = relay.usage
        outcome.firstToken = relay.firstToken
        outcome.upstreamTime = relay.upstreamTime
        outcome.guardrails.add(relay.guardrails)
        if let answer = relay.answer { outcome.content?.answered(answer) }
        return outcome
    }
}
