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
        /// The caps the findings carried forward and those written by the run share (``CarriedFindings``).
        public var caps: FindingRanking.Caps

        /// Creates a history; `carriedFrom` nil for a full run.
        public init(
            loadedBatches: [Int64],
            carriedFrom: Int64? = nil,
            affectedPeriods: [FiscalPeriod] = [],
            goneBatches: [Int64] = [],
            caps: FindingRanking.Caps = .init()
        ) {
            self.loadedBatches = loadedBatches
            self.carriedFrom = carriedFrom
            self.affectedPeriods = affectedPeriods
            self.goneBatches = goneBatches
            self.caps = caps
        }
    }

    /// Records the batches run `runID` analysed and carries the previous run's findings forward (an incremental
    /// run): those about periods it did not recompute (or about no period) whose evidence names no replaced batch
    /// get `last_run_id = runID`, unless this run stored the same finding again; then the caps apply to the
    /// findings carried and `written` together (``CarriedFindings/beyondCaps(carried:written:caps:)``), and the
    /// carried ones they leave out go back to the previous run. Returns the findings carried.
    func record(
        _ history: History,
        written: [Finding],
        runID: Int64,
        on connection: PostgresConnection
    ) async throws -> Int {
        try await connection.query("DELETE FROM detector_seen_batches", logger: logger)
        try await connection.query(
            """
            INSERT INTO detector_seen_batches (batch_id, run_id)
            SELECT batch, \(runID) FROM unnest(\(history.loadedBatches)::int8[]) AS batch
            """,
            logger: logger
        )
        guard let previous = history.carriedFrom else { return 0 }
        var carried: [CarriedFindings.Carried] = []
        for try await (id, kind, attention)
            in try await connection.query(
                """
                UPDATE findings SET last_run_id = \(runID)
                WHERE last_run_id = \(previous)
                  AND (period IS NULL OR NOT period = ANY(\(history.affectedPeriods.map(\.description))::text[]))
                  AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(evidence) AS line
                                  WHERE (line ->> 'batch_id')::int8 = ANY(\(history.goneBatches)::int8[]))
                RETURNING id, kind, attention
                """,
                logger: logger
            )
            .decode((Int64, String, Double?).self)
        {
            guard let known = FindingKind(rawValue: kind) else {
                throw UnknownVocabularyError(table: "findings", id: id, values: [kind])
            }
            carried.append(.init(id: id, kind: known, attention: attention ?? 0))
        }
        let dropped = CarriedFindings.beyondCaps(
            carried: carried,
            written: written.map { ($0.draft.kind, $0.draft.attention ?? 0) },
            caps: history.caps
        )
        if !dropped.isEmpty {
            try await connection.query(
                "UPDATE findings SET last_run_id = \(previous) WHERE id = ANY(\(dropped)::int8[])",
                logger: logger
            )
        }
        return carried.count - dropped.count
    }
}

/// The caps of a run (``FindingRanking/Caps``) over the findings an incremental run carries forward and those it
/// writes: a full run keeps the highest attention of each kind up to its cap; an incremental run keeps the findings
/// it writes (its own ranking capped them) and, in the room the caps leave, the carried ones of highest attention.
enum CarriedFindings {
    /// A finding carried forward: its id, kind and stored attention.
    struct Carried: Sendable, Equatable {
        var id: Int64
        var kind: FindingKind
        var attention: Double
    }

    /// The ids of the `carried` findings the caps leave out once the `written` ones are counted, the lowest
    /// attention first out.
    static func beyondCaps(
        carried: [Carried],
        written: [(kind: FindingKind, attention: Double)],
        caps: FindingRanking.Caps
    ) -> [Int64] {
        var perKind: [FindingKind: Int] = [:]
        for entry in written { perKind[entry.kind, default: 0] += 1 }
        var total = written.count
        var dropped: [Int64] = []
        let ranked = carried.sorted { $0.attention != $1.attention ? $0.attention > $1.attention : $0.id < $1.id }
        for entry in ranked {
            guard perKind[entry.kind, default: 0] < caps.cap(for: entry.kind), total < caps.perRun else {
                dropped.append(entry.id)
                continue
            }
            perKind[entry.kind, default: 0] += 1
            total += 1
        }
        return dropped.sorted()
    }
}
