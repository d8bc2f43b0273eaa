/// Start times for deliveries limited to a number per minute: each start is at least `60 s / limit` after the
/// previous one (an evenly paced schedule, no bursts). Pure: the caller passes the clock's reading.
public struct RateSchedule: Sendable {
    /// The gap between starts; `nil` means no limit.
    public let interval: Duration?
    private var next: ContinuousClock.Instant?

    /// A schedule for `perMinute` starts per minute; 0 means no limit.
    public init(perMinute: Int) {
        interval = perMinute > 0 ? .seconds(60) / perMinute : nil
    }

    /// Books the next start at or after `now` and returns it.
    public mutating func reserve(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let interval else { return now }
        let start = max(now, next ?? now)
        next = start + interval
        return start
    }
}

/// Hands out start times from a ``RateSchedule`` to concurrent deliveries and waits for them.
actor DeliveryPacer {
    private var schedule: RateSchedule
    private let clock = ContinuousClock()

    init(perMinute: Int) {
        schedule = RateSchedule(perMinute: perMinute)
    }

    /// Returns when this delivery may start.
    nonisolated func waitForTurn() async throws {
        let start = await book()
        try await clock.sleep(until: start)
    }

    private func book() -> ContinuousClock.Instant {
        schedule.reserve(now: clock.now)
    }
}
