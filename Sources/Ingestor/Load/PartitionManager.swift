import Foundation
public import Logging
public import PostgresNIO
public import Shared

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

    /// The fiscal years that have a partition.
    func existingYears(on connection: PostgresConnection) async throws -> Set<Int> {
        var years: Set<Int> = []
        for try await name
            in try await connection.query(
                """
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'finance_expense'::regclass
                """,
                logger: logger
            )
            .decode(String.self)
        {
            if let year = Schema.fiscalYear(ofPartition: name) { years.insert(year) }
        }
        return years
    }

    /// Creates the partition of `fiscalYear` (without indexes, see ``buildIndexes(fiscalYears:on:)``).
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

    /// Builds the indexes of `fiscalYears`' partitions, after the load that created them has committed: the
    /// rows are visible and verified at COMMIT, and sorting a whole partition once is several times cheaper than
    /// maintaining its indexes row by row. `CREATE INDEX` takes a SHARE lock, so readers are never blocked.
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

    /// Creates any partition index that is missing, e.g. because a process ended between a load's COMMIT and
    /// the index builds that follow it.
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
        let incomplete = try await existingYears(on: connection)
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
