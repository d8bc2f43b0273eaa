public import PostgresNIO
public import Shared

extension RunWriter {
    /// What a run records about the batches it analysed, and in an incremental run what it keeps of the previous
    /// run (NOTES.md, issue 14).
    public struct History: Sendable {
        /// The loaded batches this run analysed (the next run's new batches are the others).
        public var loadedBatches: [Int64]
        /// In an incremental run, the run whose findings about unaffected periods are carried forward.
        public var carriedFrom: Int64?
        /// The periods this run recomputed: the previous run's findings about them are not carried forward.
        public var affectedPeriods: [FiscalPeriod]
        /// Batches replaced since the previous run: findings whose evidence names one are not carried forward.
        public var goneBatches: [Int64]

        /// Creates a history; `carriedFrom` nil for a full run.
        public init(
            loadedBatches: [Int64],
            carriedFrom: Int64? = nil,
            affectedPeriods: [FiscalPeriod] = [],
            goneBatches: [Int64] = []
        ) {
            self.loadedBatches = loadedBatches
            self.carriedFrom = carriedFrom
            self.affectedPeriods = affectedPeriods
            self.goneBatches = goneBatches
        }
    }

    /// Records the batches run `runID` analysed and carries the previous run's findings forward (an incremental
    /// run): those about periods it did not recompute (or about no period) whose evidence names no replaced batch
    /// get `last_run_id = runID`, unless this run stored the same finding again. Returns the findings carried.
    func record(_ history: History, runID: Int64, on connection: PostgresConnection) async throws -> Int {
        try await connection.query("DELETE FROM detector_seen_batches", logger: logger)
        try await connection.query(
            """
            INSERT INTO detector_seen_batches (batch_id, run_id)
            SELECT batch, \(runID) FROM unnest(\(history.loadedBatches)::int8[]) AS batch
            """,
            logger: logger
        )
        guard let previous = history.carriedFrom else { return 0 }
        var carried = 0
        for try await count
            in try await connection.query(
                """
                WITH carried AS (
                    UPDATE findings SET last_run_id = \(runID)
                    WHERE last_run_id = \(previous)
                      AND (period IS NULL OR NOT period = ANY(\(history.affectedPeriods.map(\.description))::text[]))
                      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(evidence) AS line
                                      WHERE (line ->> 'batch_id')::int8 = ANY(\(history.goneBatches)::int8[]))
                    RETURNING 1
                )
                SELECT count(*)::int8 FROM carried
                """,
                logger: logger
            )
            .decode(Int64.self)
        {
            carried = Int(count)
        }
        return carried
    }
}
