public import Logging
import PostgresNIO

extension Database {
    /// Waits until the database answers, trying again with a growing delay (1 s, 2 s, 4 s … at most `maximumDelay`)
    /// and logging every failed try; returns at the first success. For a service started at boot before
    /// PostgreSQL: it comes up when the database does instead of exiting.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public static func waitUntilReachable(
        _ configuration: DatabaseConfiguration,
        logger: Logger,
        maximumDelay: Duration = .seconds(30)
    ) async throws {
        var delay = Duration.seconds(1)
        var attempt = 1
        while true {
            do {
                _ = try await withConnection(configuration, logger: logger) { connection in
                    try await connection.query("SELECT 1", logger: logger)
                }
                if attempt > 1 { logger.notice("database reachable", metadata: ["db.attempt": "\(attempt)"]) }
                return
            } catch let error as DatabaseUnavailableError {
                logger.warning(
                    "database not reachable yet; trying again",
                    metadata: [
                        "db.attempt": "\(attempt)", "db.retry_in_seconds": "\(delay.components.seconds)",
                        "error": .string(error.reason),
                    ]
                )
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, maximumDelay)
            attempt += 1
        }
    }
}
