import Logging
public import PostgresNIO
public import Shared

extension LedgerReader {
    /// Where to cut a read in two: the periods of `totals` (those in `periods` only, when given) cut into two
    /// contiguous ranges whose line counts are as near equal as a cut between periods makes them.
    ///
    /// - Parameters:
    ///   - totals: The slice totals of the snapshot read (the organisation's totals give the lines per period).
    ///   - periods: The periods the read covers (nil: every period).
    /// - Returns: The first period of the second half; nil when there are fewer than two periods to read (one half
    ///   would read nothing).
    public static func split(_ totals: [SliceTotal], periods: Set<FiscalPeriod>?) -> FiscalPeriod? {
        let perPeriod =
            totals.reduce(into: [FiscalPeriod: Int]()) { lines, total in
                guard total.dimension == nil, periods?.contains(total.period) ?? true else { return }
                lines[total.period, default: 0] += total.lines
            }
            .sorted { $0.key < $1.key }
        guard perPeriod.count > 1 else { return nil }
        let all = perPeriod.reduce(0) { $0 + $1.value }
        var before = 0
        var best = (distance: Int.max, first: perPeriod[1].key)
        for index in 1..<perPeriod.count {
            before += perPeriod[index - 1].value
            let distance = abs(2 * before - all)
            if distance < best.distance { best = (distance, perPeriod[index].key) }
        }
        return best.first
    }

    /// ``columnsByCurrency(on:periods:from:before:expectedLines:)`` read as two halves at once, one on each
    /// session: the lines before `bound` on `connection`, those from `bound` on `second`, in the snapshot of
    /// `connection`'s transaction (exported with `pg_export_snapshot()` and imported by `second` in a
    /// `REPEATABLE READ READ ONLY` transaction of its own). Each currency's second half is appended to its first
    /// with its codes renumbered (``LedgerColumns/append(contentsOf:)``): the columns and dictionaries are those of
    /// one sequential read.
    ///
    /// - Parameters:
    ///   - connection: The session to read the first half on, inside a transaction (the snapshot lives as long).
    ///   - second: Another session to the same database, not in a transaction.
    ///   - bound: The first period of the second half (``split(_:periods:)``); either half may be empty.
    ///   - periods: Read only these periods' lines (nil: every line).
    ///   - totals: The snapshot's slice totals: the lines each currency will have, reserved before reading.
    ///   - withoutJIT: Turn JIT compilation off in `second`'s transaction (as the caller did in `connection`'s).
    /// - Returns: The columns per currency (`company_code_currency_key`, empty for lines without one).
    /// - Throws: Database errors; ``SnapshotIdentifierError`` when the server's snapshot id is not one.
    public func columnsByCurrency(
        on connection: PostgresConnection,
        alongside second: PostgresConnection,
        splitAt bound: FiscalPeriod,
        periods: Set<FiscalPeriod>? = nil,
        totals: [SliceTotal],
        withoutJIT: Bool = false
    ) async throws -> [String: LedgerColumns] {
        let clock = ContinuousClock()
        let started = clock.now
        let snapshot = try await exportSnapshot(on: connection)
        let secondLines = Self.lines(in: totals.filter { $0.period >= bound }, periods: periods)
        async let secondHalf = second.transaction(logger: logger) { second in
            try await second.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            try await second.query("SET TRANSACTION SNAPSHOT '\(unescaped: snapshot)'", logger: logger)
            if withoutJIT { try await second.query("SET LOCAL jit = off", logger: logger) }
            let columns = try await columnsByCurrency(
                on: second,
                periods: periods,
                from: bound,
                expectedLines: secondLines
            )
            return .commit((columns, clock.now - started))
        }
        // The first half's arrays are reserved for both halves' lines: the second is appended in place.
        var columns = try await columnsByCurrency(
            on: connection,
            periods: periods,
            before: bound,
            expectedLines: Self.lines(in: totals, periods: periods)
        )
        let firstRead = clock.now - started
        let (half, secondRead) = try await secondHalf
        let merging = clock.now
        for (currency, half) in half {
            columns[currency, default: LedgerColumns()].append(contentsOf: half)
        }
        logger.debug(
            "journal lines read in two halves",
            metadata: [
                "detector.split_at": "\(bound)", "detector.first_half_seconds": "\(firstRead.inSeconds)",
                "detector.second_half_seconds": "\(secondRead.inSeconds)",
                "detector.merge_seconds": "\((clock.now - merging).inSeconds)",
            ]
        )
        return columns
    }

    /// The id of the snapshot of `connection`'s transaction, exported for another session to import.
    private func exportSnapshot(on connection: PostgresConnection) async throws -> String {
        var exported: String?
        for try await id in try await connection.query("SELECT pg_export_snapshot()", logger: logger)
            .decode(String.self)
        {
            exported = id
        }
        // `SET TRANSACTION SNAPSHOT` takes no parameter: the id goes into the statement's text, so it must be one.
        guard let id = exported, !id.isEmpty, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw SnapshotIdentifierError(identifier: exported)
        }
        return id
    }
}

/// `pg_export_snapshot()` returned something that is not a snapshot id (hexadecimal digits and dashes).
public struct SnapshotIdentifierError: Error, CustomStringConvertible {
    /// What the server returned (nil: no row).
    public let identifier: String?

    /// What went wrong, with the server's answer.
    public var description: String { "the server exported no usable snapshot id: \(identifier ?? "no row")" }
}
