import Crypto
import Foundation
public import Logging
import NIOCore
public import PostgresNIO
public import Shared

/// Loads extract files into `finance_expense`, one atomic, idempotent batch per file.
///
/// For each file:
/// 1. a batch row is committed with status `loading` and held by a session advisory lock (so a later run can
///    tell a crashed load from a running one and mark it `aborted`);
/// 2. in ONE transaction, under a lock that serialises loads, the rows are streamed with `COPY … FROM STDIN`
///    into their fiscal year's partition while the file is still being read; a year without a partition gets
///    one, created in the same transaction;
/// 3. before COMMIT the database's row count and signed total per fiscal year are compared with the totals
///    counted while reading, and the file's SHA-256 is checked against loaded batches;
/// 4. after COMMIT, partitions the load created are indexed (a later load rebuilds any index a crash left out).
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

        /// Creates a request.
        public init(path: String, profile: MappingProfile, replace: Bool = false) {
            self.path = path
            self.profile = profile
            self.replace = replace
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

    private let configuration: IngestConfiguration
    private let logger: Logger

    /// Advisory lock serialising loads (two concurrent loads could otherwise deadlock creating partitions).
    static let ingestLockKey: Int64 = 0x6669_6E72_6361_0002
    /// First key of the per-batch session lock `(namespace, batch id)`.
    static let batchLockNamespace: Int32 = 0x6669_6E01

    /// Creates a loader.
    public init(configuration: IngestConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Loads one file.
    ///
    /// - Returns: What happened: loaded, duplicate (nothing changed) or rejected (nothing loaded, rejects kept).
    /// - Throws: ``IngestFileError`` or ``MappingError`` when the file cannot be read or its header does not fit
    ///   the profile (the batch is recorded as `rejected` with the reason); database errors otherwise.
    public func load(
        _ request: Request, on connection: PostgresConnection,
        progress: @escaping (Progress) -> Void = { _ in }
    ) async throws -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        let fileName = (request.path as NSString).lastPathComponent
        var logger = self.logger
        logger[metadataKey: "etl.file"] = .string(request.path)

        let fileSize: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: request.path)
            guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
                throw IngestFileError(file: request.path, line: 0, reason: "not a regular file")
            }
            fileSize = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch let error as IngestFileError {
            throw error
        } catch {
            throw IngestFileError(file: request.path, line: 0, reason: "cannot read the file: \(error.localizedDescription)")
        }

        try await markAbandonedBatches(on: connection, logger: logger)

        // A file of a size already loaded is hashed up front, so a repeated file costs one read, not a load.
        if let earlier = try await loadedBatch(sizedLike: fileSize, on: connection, logger: logger),
            !earlier.isEmpty
        {
            let digest = try Self.sha256(path: request.path)
            if let duplicate = earlier.first(where: { $0.sha256 == digest }) {
                let id = try await insertBatch(
                    request, fileName: fileName, fileSize: fileSize, status: "duplicate", on: connection, logger: logger)
                try await connection.query(
                    """
                    UPDATE ingest_batches SET sha256 = \(digest), duplicate_of = \(duplicate.id), finished_at = now(),
                        message = \("identical to batch \(duplicate.id) (\(duplicate.fileName)); nothing loaded")
                    WHERE id = \(id)
                    """, logger: logger)
                return IngestReport(
                    file: request.path, batchID: id, status: .duplicate, sha256: digest, profile: request.profile.name,
                    duplicateOf: duplicate.id,
                    message: "already loaded as batch \(duplicate.id) (\(duplicate.fileName)); nothing changed",
                    seconds: (clock.now - started).inSeconds, fileBytes: fileSize)
            }
        }

        let batchID = try await insertBatch(
            request, fileName: fileName, fileSize: fileSize, status: "loading", on: connection, logger: logger)
        logger[metadataKey: "etl.batch"] = .stringConvertible(batchID)
        let lockKey = Int32(truncatingIfNeeded: batchID)
        try await connection.query("SELECT pg_advisory_lock(\(Self.batchLockNamespace), \(lockKey))", logger: logger)
        func unlock() async {
            _ = try? await connection.query(
                "SELECT pg_advisory_unlock(\(Self.batchLockNamespace), \(lockKey))", logger: logger)
        }

        do {
            let report = try await loadRows(
                request, batchID: batchID, fileName: fileName, fileSize: fileSize, on: connection, logger: logger,
                progress: progress, started: started)
            await unlock()
            return report
        } catch let error as IngestFileError {
            try await recordFailure(batchID: batchID, message: error.description, on: connection, logger: logger)
            await unlock()
            throw error
        } catch let error as MappingError {
            try await recordFailure(batchID: batchID, message: error.description, on: connection, logger: logger)
            await unlock()
            throw error
        } catch {
            await unlock()
            throw error
        }
    }

    private func loadRows(
        _ request: Request, batchID: Int64, fileName: String, fileSize: Int, on connection: PostgresConnection,
        logger: Logger, progress: @escaping (Progress) -> Void, started: ContinuousClock.Instant
    ) async throws -> IngestReport {
        let observer = ReadObserver(fileSize: fileSize, progress: progress, started: started)
        let head = try Self.head(path: request.path)
        let source = try FileByteSource(path: request.path)
        defer { source.close() }
        let transcoder = try ExtractTranscoder(
            source: source, head: head, profile: request.profile, fileName: request.path, batchID: batchID,
            chunkBytes: configuration.chunkBytes, maxStoredRejects: configuration.maxStoredRejects,
            observe: { observer.observe($0) })
        observer.countRows = { [weak transcoder] in transcoder?.totals.rowsRead ?? 0 }

        // Loads, and the index builds that follow them, run one at a time.
        try await connection.query("SELECT pg_advisory_lock(\(Self.ingestLockKey))", logger: logger)
        do {
            let report = try await loadLocked(
                transcoder: transcoder, observer: observer, batchID: batchID, request: request, fileName: fileName,
                on: connection, logger: logger, started: started)
            try await connection.query("SELECT pg_advisory_unlock(\(Self.ingestLockKey))", logger: logger)
            return report
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.ingestLockKey))", logger: logger)
            throw error
        }
    }

    private func loadLocked(
        transcoder: ExtractTranscoder<FileByteSource>, observer: ReadObserver, batchID: Int64, request: Request,
        fileName: String, on connection: PostgresConnection, logger: Logger, started: ContinuousClock.Instant
    ) async throws -> IngestReport {
        try await buildMissingIndexes(on: connection, logger: logger)
        try await connection.query("BEGIN", logger: logger)
        let outcome: Outcome
        do {
            outcome = try await copyInTransaction(
                transcoder: transcoder, observer: observer, batchID: batchID, request: request, fileName: fileName,
                on: connection, logger: logger)
            switch outcome {
            case .commit: try await connection.query("COMMIT", logger: logger)
            case .rollback: try await connection.query("ROLLBACK", logger: logger)
            }
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        switch outcome {
        case .commit(var report, let createdYears):
            let committed = ContinuousClock.now
            report.seconds = (committed - started).inSeconds
            logger.info(
                "batch loaded",
                metadata: ["etl.rows": "\(report.rowsLoaded)", "etl.rejected": "\(report.rowsRejected)"])
            do {
                try await buildIndexes(fiscalYears: createdYears, on: connection, logger: logger)
            } catch {
                // The rows are committed and verified; a missing index only slows queries and is rebuilt by the
                // next load, so this is a warning, not a failed load.
                logger.warning(
                    "indexing new partitions failed; the next load rebuilds them",
                    metadata: ["error": "\(String(reflecting: error))"])
                report.message = (report.message.map { $0 + "; " } ?? "") + "indexes of new partitions not built yet"
            }
            report.indexSeconds = (ContinuousClock.now - committed).inSeconds
            return report
        case .rollback(var report, _):
            try await finishRolledBack(report, rejects: transcoder.rejects, on: connection, logger: logger)
            report.seconds = (ContinuousClock.now - started).inSeconds
            return report
        }
    }

    private enum Outcome {
        case commit(IngestReport, createdYears: [Int])
        case rollback(IngestReport, createdYears: [Int])
    }

    /// Builds the indexes of `fiscalYears`' partitions, after the load that created them has committed: the
    /// rows are visible and verified at COMMIT, and sorting a whole partition once is several times cheaper than
    /// maintaining its indexes row by row. `CREATE INDEX` takes a SHARE lock, so readers are never blocked.
    private func buildIndexes(fiscalYears: [Int], on connection: PostgresConnection, logger: Logger) async throws {
        guard !fiscalYears.isEmpty else { return }
        try await connection.query(
            PostgresQuery(unsafeSQL: "SET maintenance_work_mem = '\(configuration.indexBuildMemoryMiB)MB'"), logger: logger)
        for year in fiscalYears {
            for index in Schema.partitionIndexes(fiscalYear: year) {
                try await connection.query(PostgresQuery(unsafeSQL: index.statement), logger: logger)
            }
            logger.info("indexed partition", metadata: ["etl.partition": "\(Schema.partitionName(fiscalYear: year))"])
        }
        try await connection.query("RESET maintenance_work_mem", logger: logger)
    }

    /// Creates any partition index that is missing, e.g. because a process ended between a load's COMMIT and
    /// the index builds that follow it.
    public func buildMissingIndexes(on connection: PostgresConnection, logger: Logger) async throws {
        var existing: Set<String> = []
        for try await name in try await connection.query(
            "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'finance_expense\\_y%'", logger: logger
        ).decode(String.self) {
            existing.insert(name)
        }
        let incomplete = try await existingPartitionYears(on: connection, logger: logger).filter { year in
            !Schema.partitionIndexes(fiscalYear: year).allSatisfy { existing.contains($0.name) }
        }
        if !incomplete.isEmpty {
            logger.warning("building missing partition indexes", metadata: ["etl.years": "\(incomplete.sorted())"])
            try await buildIndexes(fiscalYears: incomplete.sorted(), on: connection, logger: logger)
        }
    }

    private func copyInTransaction(
        transcoder: ExtractTranscoder<FileByteSource>, observer: ReadObserver, batchID: Int64, request: Request,
        fileName: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Outcome {
        let copyStarted = ContinuousClock.now
        var knownYears = try await existingPartitionYears(on: connection, logger: logger)
        var createdYears: [Int] = []

        func pull() async throws -> (ByteBuffer, Int)? {
            try await transcoder.nextChunk { bytes, fiscalYear in
                var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                return (buffer, fiscalYear)
            }
        }

        // One COPY per run of chunks of the same fiscal year, straight into that year's partition (no
        // routing through the parent); a year without a partition gets one first, in this transaction.
        var next = try await pull()
        while let first = next {
            let year = first.1
            if !knownYears.contains(year) {
                try await connection.query(
                    PostgresQuery(unsafeSQL: Schema.createPartitionStatement(fiscalYear: year)), logger: logger)
                knownYears.insert(year)
                createdYears.append(year)
                logger.info("created partition", metadata: ["etl.partition": "\(Schema.partitionName(fiscalYear: year))"])
            }
            try await connection.copyFrom(
                table: Schema.partitionName(fiscalYear: year), columns: RowTranscoder.copyColumns, logger: logger
            ) { writer in
                try await writer.write(first.0)
                next = nil
                while let chunk = try await pull() {
                    if chunk.1 != year {
                        next = chunk
                        return
                    }
                    try await writer.write(chunk.0)
                }
            }
        }

        let totals = transcoder.totals
        let digest = observer.digest()
        var report = IngestReport(
            file: request.path, batchID: batchID, status: .loaded, sha256: digest, profile: request.profile.name,
            totals: totals, fileBytes: observer.bytesRead)
        report.rejectsSample = Array(transcoder.rejects.prefix(20))

        if totals.rowsRead > 0, Double(totals.rowsRejected) / Double(totals.rowsRead) > configuration.maxRejectShare {
            report.status = .rejected
            report.rowsLoaded = 0
            report.message = String(
                format: "%d of %d rows (%.2f %%) were rejected, more than the allowed %.2f %%; nothing was loaded",
                totals.rowsRejected, totals.rowsRead, 100 * Double(totals.rowsRejected) / Double(totals.rowsRead),
                100 * configuration.maxRejectShare)
            return .rollback(report, createdYears: createdYears)
        }
        if let duplicate = try await loadedBatch(sha256: digest, on: connection, logger: logger) {
            report.status = .duplicate
            report.rowsLoaded = 0
            report.duplicateOf = duplicate.id
            report.message = "already loaded as batch \(duplicate.id) (\(duplicate.fileName)); nothing changed"
            return .rollback(report, createdYears: createdYears)
        }
        if request.replace, let previous = try await latestLoadedBatch(named: fileName, on: connection, logger: logger) {
            try await connection.query("DELETE FROM finance_expense WHERE batch_id = \(previous)", logger: logger)
            try await connection.query(
                """
                UPDATE ingest_batches SET status = 'replaced', message = \("replaced by batch \(batchID)")
                WHERE id = \(previous)
                """, logger: logger)
            report.replaced = previous
        }
        let copied = ContinuousClock.now
        try await verify(totals: totals, batchID: batchID, on: connection, logger: logger)
        logger.debug(
            "copied and verified",
            metadata: [
                "etl.copy_seconds": "\((copied - copyStarted).inSeconds)",
                "etl.verify_seconds": "\((ContinuousClock.now - copied).inSeconds)",
            ])
        try await insertRejects(transcoder.rejects, batchID: batchID, on: connection, logger: logger)
        try await connection.query(
            """
            UPDATE ingest_batches SET status = 'loaded', sha256 = \(digest), rows_read = \(totals.rowsRead),
                rows_loaded = \(totals.rowsAccepted), rows_rejected = \(totals.rowsRejected),
                blank_lines = \(totals.blankLines), total_amount = \(Money(minorUnits: totals.minorUnits).description)::numeric,
                fiscal_years = \(totals.years.keys.sorted().map { Int16($0) }), replaces = \(report.replaced),
                message = \(report.rowsRejected > 0 ? "\(report.rowsRejected) rows rejected (see ingest_rejects)" : nil),
                finished_at = now()
            WHERE id = \(batchID)
            """, logger: logger)
        if totals.rowsRejected > 0 {
            report.message = "\(totals.rowsRejected) of \(totals.rowsRead) rows rejected; see ingest_rejects (batch \(batchID))"
        }
        return .commit(report, createdYears: createdYears)
    }

    /// Compares the database's count and signed total per fiscal year for the batch with the transcoder's.
    private func verify(
        totals: TranscodeTotals, batchID: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws {
        var stored: [Int: TranscodeTotals.YearTotal] = [:]
        let rows = try await connection.query(
            """
            SELECT general_ledger_fiscal_year::int8, count(*)::int8, sum(amount)::text
            FROM finance_expense WHERE batch_id = \(batchID) GROUP BY 1
            """, logger: logger)
        for try await (year, count, sum) in rows.decode((Int64, Int64, String).self) {
            stored[Int(year)] = .init(rows: Int(count), minorUnits: Money(decimalText: sum)?.minorUnits ?? .min)
        }
        guard stored == totals.years else {
            throw IntegrityError(batchID: batchID, expected: totals.years, stored: stored)
        }
    }

    private func insertRejects(
        _ rejects: [RejectedRow], batchID: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !rejects.isEmpty else { return }
        for start in stride(from: 0, to: rejects.count, by: 5000) {
            let slice = rejects[start..<min(start + 5000, rejects.count)]
            try await connection.query(
                """
                INSERT INTO ingest_rejects (batch_id, line, column_name, reason, raw_line)
                SELECT \(batchID), line, NULLIF(column_name, ''), reason, raw_line
                FROM unnest(\(slice.map { Int64($0.line) }), \(slice.map { $0.column ?? "" }),
                            \(slice.map(\.reason)), \(slice.map { Self.storable($0.rawLine) }))
                    AS r(line, column_name, reason, raw_line)
                """, logger: logger)
        }
    }

    /// Text PostgreSQL can store: NUL characters replaced.
    private static func storable(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    private func finishRolledBack(
        _ report: IngestReport, rejects: [RejectedRow], on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query("BEGIN", logger: logger)
        if report.status == .rejected {
            try await insertRejects(rejects, batchID: report.batchID, on: connection, logger: logger)
        }
        try await connection.query(
            """
            UPDATE ingest_batches SET status = \(report.status.rawValue), sha256 = \(report.sha256),
                rows_read = \(report.rowsRead), rows_loaded = 0, rows_rejected = \(report.rowsRejected),
                blank_lines = \(report.blankLines), duplicate_of = \(report.duplicateOf), message = \(report.message),
                finished_at = now()
            WHERE id = \(report.batchID)
            """, logger: logger)
        try await connection.query("COMMIT", logger: logger)
    }

    private func recordFailure(
        batchID: Int64, message: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            UPDATE ingest_batches SET status = 'rejected', message = \(message), finished_at = now()
            WHERE id = \(batchID)
            """, logger: logger)
    }

    private func insertBatch(
        _ request: Request, fileName: String, fileSize: Int, status: String, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Int64 {
        let rows = try await connection.query(
            """
            INSERT INTO ingest_batches (file_name, file_path, file_size, profile, status)
            VALUES (\(fileName), \(request.path), \(Int64(fileSize)), \(request.profile.name), \(status))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        preconditionFailure("INSERT … RETURNING returned no row")
    }

    /// Marks `loading` batches whose process is gone (its session lock is free) as `aborted`.
    private func markAbandonedBatches(on connection: PostgresConnection, logger: Logger) async throws {
        var loading: [Int64] = []
        for try await id in try await connection.query(
            "SELECT id FROM ingest_batches WHERE status = 'loading'", logger: logger
        ).decode(Int64.self) {
            loading.append(id)
        }
        for id in loading {
            let key = Int32(truncatingIfNeeded: id)
            var acquired = false
            for try await value in try await connection.query(
                "SELECT pg_try_advisory_lock(\(Self.batchLockNamespace), \(key))", logger: logger
            ).decode(Bool.self) {
                acquired = value
            }
            guard acquired else { continue }
            try await connection.query(
                """
                UPDATE ingest_batches SET status = 'aborted', finished_at = now(),
                    message = 'the loading process ended before COMMIT (crash or kill); none of its rows were stored'
                WHERE id = \(id) AND status = 'loading'
                """, logger: logger)
            try await connection.query("SELECT pg_advisory_unlock(\(Self.batchLockNamespace), \(key))", logger: logger)
            logger.warning("marked abandoned batch as aborted", metadata: ["etl.batch": "\(id)"])
        }
    }

    private struct LoadedBatch {
        var id: Int64
        var fileName: String
        var sha256: String
    }

    private func loadedBatch(
        sizedLike size: Int, on connection: PostgresConnection, logger: Logger
    ) async throws -> [LoadedBatch]? {
        var result: [LoadedBatch] = []
        for try await (id, name, digest) in try await connection.query(
            "SELECT id, file_name, sha256 FROM ingest_batches WHERE status = 'loaded' AND file_size = \(Int64(size))",
            logger: logger
        ).decode((Int64, String, String).self) {
            result.append(LoadedBatch(id: id, fileName: name, sha256: digest))
        }
        return result
    }

    private func loadedBatch(
        sha256: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> LoadedBatch? {
        for try await (id, name) in try await connection.query(
            "SELECT id, file_name FROM ingest_batches WHERE status = 'loaded' AND sha256 = \(sha256)", logger: logger
        ).decode((Int64, String).self) {
            return LoadedBatch(id: id, fileName: name, sha256: sha256)
        }
        return nil
    }

    private func latestLoadedBatch(
        named fileName: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int64? {
        for try await id in try await connection.query(
            """
            SELECT id FROM ingest_batches WHERE status = 'loaded' AND file_name = \(fileName)
            ORDER BY id DESC LIMIT 1
            """, logger: logger
        ).decode(Int64.self) {
            return id
        }
        return nil
    }

    private func existingPartitionYears(on connection: PostgresConnection, logger: Logger) async throws -> Set<Int> {
        var years: Set<Int> = []
        for try await name in try await connection.query(
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'finance_expense'::regclass
            """, logger: logger
        ).decode(String.self) {
            if name.hasPrefix("finance_expense_y"), let year = Int(name.dropFirst("finance_expense_y".count)) {
                years.insert(year)
            }
        }
        return years
    }

    /// The first 64 KiB of a file.
    static func head(path: String) throws -> [UInt8] {
        var source = try FileByteSource(path: path)
        defer { source.close() }
        var bytes = [UInt8](repeating: 0, count: 65_536)
        let count = try bytes.withUnsafeMutableBytes { try source.read(into: $0) }
        return Array(bytes.prefix(count))
    }

    /// The SHA-256 of a file, as lowercase hex.
    static func sha256(path: String) throws -> String {
        var source = try FileByteSource(path: path)
        defer { source.close() }
        var hasher = SHA256()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            block.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// Sees every block read: hashes it and reports progress at most ten times a second.
private final class ReadObserver {
    private var hasher = SHA256()
    private(set) var bytesRead = 0
    private let fileSize: Int
    private let progress: (BatchLoader.Progress) -> Void
    private let started: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant
    /// Rows read so far, for the progress line.
    var countRows: () -> Int = { 0 }

    init(fileSize: Int, progress: @escaping (BatchLoader.Progress) -> Void, started: ContinuousClock.Instant) {
        self.fileSize = fileSize
        self.progress = progress
        self.started = started
        lastReport = started
    }

    func observe(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        bytesRead += bytes.count
        let now = ContinuousClock.now
        if now - lastReport > .milliseconds(100) {
            lastReport = now
            progress(.init(bytesRead: bytesRead, fileSize: fileSize, rowsRead: countRows(), elapsedSeconds: (now - started).inSeconds))
        }
    }

    func digest() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
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
