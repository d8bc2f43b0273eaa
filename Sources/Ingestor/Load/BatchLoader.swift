import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// Loads extract files into `finance_expense`, one atomic, idempotent batch per file.
///
/// For each file:
/// 1. a batch row is committed with status `loading` and held by its ``JobLock/batch(_:)`` session lock (so a
///    later run can tell a crashed load from a running one and mark it `aborted`);
/// 2. in ONE transaction, under ``JobLock/ingest`` (which serialises loads), the rows are streamed with
///    `COPY … FROM STDIN` into their fiscal year's partition while the file is still being read; a year without a
///    partition gets one, created in the same transaction;
/// 3. before COMMIT, ``LoadDecision/decide(_:)`` compares the database's row count and signed total per fiscal
///    year with the totals counted while reading, checks the share of rejected rows and the file's SHA-256, and
///    says whether the transaction commits or rolls back; before COMMIT the partitions the load created get their BRIN
///    index and those it appended to have theirs summarised over the new rows (one pass over the new pages).
///
/// So a batch is visible entirely or not at all: a crash, a kill or an error before COMMIT leaves nothing.
public struct BatchLoader: Sendable {
    /// One file to load.
    public struct Request: Sendable {
        /// Path of the file.
        public var path: String
        /// How its columns map.
        public var profile: MappingProfile
        /// Replace the latest loaded batch of a file with the same name instead of adding to it.
        public var replace: Bool
        /// Fiscal year and period of every row, for a file whose rows carry none (`--period`).
        public var period: FiscalPeriod?

        /// Creates a request.
        public init(path: String, profile: MappingProfile, replace: Bool = false, period: FiscalPeriod? = nil) {
            self.path = path
            self.profile = profile
            self.replace = replace
            self.period = period
        }
    }

    /// Progress of a running load, for a terminal.
    public struct Progress: Sendable {
        /// Bytes of the file read so far.
        public var bytesRead: Int
        /// Size of the file.
        public var fileSize: Int
        /// Data rows read so far.
        public var rowsRead: Int
        /// Seconds since the load began.
        public var elapsedSeconds: Double
    }

    let configuration: IngestConfiguration
    let logger: Logger
    let store: BatchStore
    let partitions: PartitionManager

    /// Creates a loader.
    public init(configuration: IngestConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        store = BatchStore(logger: logger)
        partitions = PartitionManager(indexBuildMemoryMiB: configuration.indexBuildMemoryMiB, logger: logger)
    }

    /// Loads one file.
    ///
    /// - Returns: What happened: loaded, duplicate (nothing changed) or rejected (nothing loaded, rejects kept).
    /// - Throws: ``IngestFileError`` or ``MappingError`` when the file cannot be read or its header does not fit
    ///   the profile (the batch is recorded as `rejected` with the reason); database errors otherwise.
    public func load(
        _ request: Request,
        on connection: PostgresConnection,
        progress: @escaping (Progress) -> Void = { _ in }
    ) async throws -> IngestReport {
        let started = ContinuousClock.now
        let fileName = (request.path as NSString).lastPathComponent
        var logger = self.logger
        logger[metadataKey: "etl.file"] = .string(request.path)
        let fileSize = try FileFacts.size(path: request.path)
        try await store.markAbandoned(on: connection)

        if let report = try await repeatedFile(
            request,
            fileName: fileName,
            fileSize: fileSize,
            on: connection,
            started: started
        ) {
            return report
        }
        let batchID = try await store.insert(
            path: request.path,
            fileName: fileName,
            fileSize: fileSize,
            profile: request.profile.name,
            status: .loading,
            on: connection
        )
        logger[metadataKey: "etl.batch"] = .stringConvertible(batchID)
        let batch = BatchLoad(
            loader: self,
            request: request,
            batchID: batchID,
            fileName: fileName,
            fileSize: fileSize,
            logger: logger,
            started: started
        )
        return try await JobLock.batch(batchID)
            .waitingForLock(on: connection, logger: logger) {
                do {
                    return try await batch.run(on: connection, progress: progress)
                } catch let error as IngestFileError {
                    try await store.markRejected(batchID, message: error.description, on: connection)
                    throw error
                } catch let error as MappingError {
                    try await store.markRejected(batchID, message: error.description, on: connection)
                    throw error
                }
            }
    }

    /// Creates any partition index that is missing (see ``PartitionManager/buildMissingIndexes(on:)``).
    public func buildMissingIndexes(on connection: PostgresConnection) async throws {
        try await partitions.buildMissingIndexes(on: connection)
    }

    /// A file of a size already loaded is hashed up front, so a repeated file costs one read, not a load: the
    /// report of the `duplicate` batch recorded for it, or nil when it is new.
    private func repeatedFile(
        _ request: Request,
        fileName: String,
        fileSize: Int,
        on connection: PostgresConnection,
        started: ContinuousClock.Instant
    ) async throws -> IngestReport? {
        let earlier = try await store.loaded(sizedLike: fileSize, on: connection)
        guard !earlier.isEmpty else { return nil }
        let digest = try FileFacts.sha256(path: request.path)
        guard let duplicate = earlier.first(where: { $0.sha256 == digest }) else { return nil }
        let id = try await store.insert(
            path: request.path,
            fileName: fileName,
            fileSize: fileSize,
            profile: request.profile.name,
            status: .duplicate,
            on: connection
        )
        try await store.markDuplicate(id, sha256: digest, of: duplicate, on: connection)
        return IngestReport(
            file: request.path,
            batchID: id,
            status: .duplicate,
            sha256: digest,
            profile: request.profile.name,
            duplicateOf: duplicate.id,
            message: "already loaded as batch \(duplicate.id) (\(duplicate.fileName)); nothing changed",
            seconds: (ContinuousClock.now - started).inSeconds,
            fileBytes: fileSize
        )
    }
}

/// The database holds different rows or totals for a batch than were sent; the load is rolled back.
public struct IntegrityError: Error, Sendable, CustomStringConvertible {
    /// The batch.
    public var batchID: Int64
    /// Counted while reading.
    public var expected: [Int: TranscodeTotals.YearTotal]
    /// Found in the database.
    public var stored: [Int: TranscodeTotals.YearTotal]

    /// Explanation.
    public var description: String {
        "batch \(batchID): the database holds \(stored) but \(expected) was sent; the load was rolled back"
    }
}
