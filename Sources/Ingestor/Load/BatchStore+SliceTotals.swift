import PostgresNIO
import Shared

extension BatchStore {
    /// Stores batch `id`'s slice totals, counted while its file was read (``SliceTally``), in the load's transaction.
    func storeSliceTotals(_ totals: [BatchSliceTotal], ofBatch id: Int64, on connection: PostgresConnection)
        async throws
    {
        for start in stride(from: 0, to: totals.count, by: 20_000) {
            let slice = totals[start..<min(start + 20_000, totals.count)]
            try await connection.query(
                """
                INSERT INTO ingest_batch_totals (batch_id, currency, fiscal_year, period, dimension, member,
                                                 amount_cents, lines)
                SELECT \(id), currency, fiscal_year, period, NULLIF(dimension, ''), member, amount_cents, lines
                FROM unnest(\(slice.map(\.currency)), \(slice.map { Int64($0.fiscalYear) }),
                            \(slice.map { Int64($0.period) }), \(slice.map { $0.dimension?.rawValue ?? "" }),
                            \(slice.map(\.member)), \(slice.map(\.minorUnits)), \(slice.map { Int64($0.lines) }))
                    AS t(currency, fiscal_year, period, dimension, member, amount_cents, lines)
                """,
                logger: logger
            )
        }
    }
}
