import Foundation
public import Logging
public import PostgresNIO
import Shared

/// The fiscal-year partitions of `finance_expense`: which exist, creating one, building their indexes.
public struct PartitionManager: Sendable {
    let logger: Logger
    /// `maintenance_work_mem` (MiB) for index builds.
    let indexBuildMemoryMiB: Int

    /// Creates the manager.
    public init(indexBuildMemoryMiB: Int, logger: Logger) {
        self.indexBuildMemoryMiB = indexBuildMemoryMiB
        self.logger = logger
    }

    /// The fiscal years that have a partition; `foreign` holds those whose partition is a foreign table (another
    /// server's, see `finrca shard attach`): they are written through postgres_fdw and indexed on their server.
    func existingYears(on connection: PostgresConnection) async throws -> (all: Set<Int>, foreign: Set<Int>) {
        var years: (all: Set<Int>, foreign: Set<Int>) = ([], [])
        for try await (name, isForeign)
            in try await connection.query(
                """
                SELECT c.relname, c.relkind = 'f' FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'finance_expense'::regclass
                """,
                logger: logger
            )
            .decode((String, Bool).self)
        {
            guard let year = Schema.fiscalYear(ofPartition: name) else { continue }
            years.all.insert(year)
            if isForeign { years.foreign.insert(year) }
        }
        return years
    }

    /// Creates the partition of `fiscalYear` without its index: the load fills it first and builds the index
    /// before COMMIT (see ``buildIndexes(fiscalYears:on:)``). Loads that created the partition with its index
    /// measured 6.5 s for 1M lines against 3.8 s this way (NOTES.md, issue 14).
    ///
    /// - Throws: ``PartitionRangeError`` when the year is outside the table's range.
    func create(fiscalYear: Int, on connection: PostgresConnection) async throws {
        guard Schema.fiscalYears.contains(fiscalYear) else { throw PartitionRangeError(fiscalYear: fiscalYear) }
        let table = Schema.partitionName(fiscalYear: fiscalYear)
        try await connection.query(
            "\(unescaped: Schema.createPartitionStatement(fiscalYear: fiscalYear))",
            logger: logger
        )
        logger.info("created partition", metadata: ["etl.partition": "\(table)"])
    }

    /// Summarises the block ranges rows were appended to since the index of each of `fiscalYears`' partitions was
    /// last summarised: one pass over the new pages. BRIN leaves ranges past the last summarised one unsummarised
    /// on insert (every query would read them), so the load does this before COMMIT.
    func summarize(fiscalYears: [Int], on connection: PostgresConnection) async throws {
        for year in fiscalYears {
            for index in Schema.partitionIndexes(fiscalYear: year) {
                try await connection.query(
                    "SELECT brin_summarize_new_values(\(index.name)::regclass)",
                    logger: logger
                )
            }
        }
    }

    /// Builds the indexes of `fiscalYears`' partitions: partitions a load created (before its COMMIT), or ones whose
    /// index is missing. `CREATE INDEX` takes a SHARE lock, so readers are never blocked.
    func buildIndexes(fiscalYears: [Int], on connection: PostgresConnection) async throws {
        guard !fiscalYears.isEmpty else { return }
        try await connection.query(
            "SELECT set_config('maintenance_work_mem', \("\(indexBuildMemoryMiB)MB"), false)",
            logger: logger
        )
        for year in fiscalYears {
            for index in Schema.partitionIndexes(fiscalYear: year) {
                try await connection.query("\(unescaped: index.statement)", logger: logger)
            }
            logger.info("indexed partition", metadata: ["etl.partition": "\(Schema.partitionName(fiscalYear: year))"])
        }
        try await connection.query("RESET maintenance_work_mem", logger: logger)
    }

    /// Creates any index missing from a local partition, e.g. one dropped by hand or a partition created by an
    /// older version. Foreign partitions are indexed on their own server.
    public func buildMissingIndexes(on connection: PostgresConnection) async throws {
        var existing: Set<String> = []
        for try await name
            in try await connection.query(
                "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'finance_expense\\_y%'",
                logger: logger
            )
            .decode(String.self)
        {
            existing.insert(name)
        }
        let years = try await existingYears(on: connection)
        let incomplete = years.all.subtracting(years.foreign)
            .filter { year in
                !Schema.partitionIndexes(fiscalYear: year).allSatisfy { existing.contains($0.name) }
            }
        if !incomplete.isEmpty {
            logger.warning("building missing partition indexes", metadata: ["etl.years": "\(incomplete.sorted())"])
            try await buildIndexes(fiscalYears: incomplete.sorted(), on: connection)
        }
    }
}

/// A row's fiscal year is outside the range `finance_expense` is partitioned for; nothing was loaded.
public struct PartitionRangeError: Error, Sendable, CustomStringConvertible {
    /// The year.
    public var fiscalYear: Int

    /// Explanation.
    public var description: String {
        "fiscal year \(fiscalYear) is outside \(Schema.fiscalYears.lowerBound)–\(Schema.fiscalYears.upperBound); nothing was loaded"
    }
}
