import Foundation
import Logging
import PostgresNIO
import Shared

/// One file's load once its batch is recorded: stream the rows in one transaction, decide, index (build the new
/// partitions' BRIN indexes, summarise the others' over the new rows), store the slice totals counted while
/// reading, commit or roll back.
struct BatchLoad {
    let loader: BatchLoader
    let request: BatchLoader.Request
    let batchID: Int64
    let fileName: String
    let fileSize: Int
    let logger: Logger
    let started: ContinuousClock.Instant

    func run(on connection: PostgresConnection, progress: @escaping (BatchLoader.Progress) -> Void) async throws
        -> IngestReport
    {
        let observer = ReadObserver(fileSize: fileSize, progress: progress, started: started)
        let head = try FileFacts.head(path: request.path)
        let source = try FileByteSource(path: request.path)
        defer { source.close() }
        let transcoder = try ExtractTranscoder(
            source: source,
            head: head,
            profile: request.profile,
            fileName: request.path,
            batchID: batchID,
            chunkBytes: loader.configuration.chunkBytes,
            maxStoredRejects: loader.configuration.maxStoredRejects,
            period: request.period,
            observe: { observer.observe($0) }
        )
        observer.countRows = { [weak transcoder] in transcoder?.totals.rowsRead ?? 0 }

        // Loads, and the index builds that follow them, run one at a time.
        return try await JobLock.ingest.waitingForLock(on: connection, logger: logger) {
            try await loader.partitions.buildMissingIndexes(on: connection)
            var committed = false
            let outcome = try await connection.transaction(logger: logger) { connection in
                let end = try await copyAndDecide(transcoder: transcoder, observer: observer, on: connection)
                if case .commit = end { committed = true }
                return end
            }
            guard committed else {
                return try await recordRolledBack(outcome, rejects: transcoder.rejects, on: connection)
            }
            var report = outcome
            report.seconds = (ContinuousClock.now - started).inSeconds
            logger.info(
                "batch loaded",
                metadata: ["etl.rows": "\(report.rowsLoaded)", "etl.rejected": "\(report.rowsRejected)"]
            )
            return report
        }
    }

    /// Streams the rows, gathers the facts, and decides how the transaction ends (acting on a commit).
    private func copyAndDecide(
        transcoder: ExtractTranscoder<FileByteSource>,
        observer: ReadObserver,
        on connection: PostgresConnection
    ) async throws -> TransactionEnd<IngestReport> {
        let copyStarted = ContinuousClock.now
        let written = try await copyRows(from: transcoder, on: connection)
        let totals = transcoder.totals
        let digest = observer.digest()
        var report = IngestReport(
            file: request.path,
            batchID: batchID,
            status: .loaded,
            sha256: digest,
            profile: request.profile.name,
            totals: totals,
            fileBytes: observer.bytesRead
        )
        report.rejectsSample = Array(transcoder.rejects.prefix(20))
        let store = loader.store
        let facts = LoadFacts(
            totals: totals,
            maximumRejectShare: loader.configuration.maxRejectShare,
            identicalBatch: try await store.loaded(sha256: digest, on: connection),
            replace: request.replace,
            previousBatch: request.replace ? try await store.latestLoaded(named: fileName, on: connection) : nil,
            stored: try await store.storedTotals(ofBatch: batchID, on: connection)
        )
        logger.debug(
            "copied and verified",
            metadata: ["etl.copy_seconds": "\((ContinuousClock.now - copyStarted).inSeconds)"]
        )

        switch LoadDecision.decide(facts) {
        case .tooManyRejects(let message):
            report.status = .rejected
            report.rowsLoaded = 0
            report.message = message
            return .rollBack(report)
        case .duplicate(let earlier):
            report.status = .duplicate
            report.rowsLoaded = 0
            report.duplicateOf = earlier.id
            report.message = "already loaded as batch \(earlier.id) (\(earlier.fileName)); nothing changed"
            return .rollBack(report)
        case .integrityFailure:
            throw IntegrityError(batchID: batchID, expected: totals.years, stored: facts.stored)
        case .commit(let previous):
            let indexStarted = ContinuousClock.now
            try await loader.partitions.buildIndexes(fiscalYears: written.created, on: connection)
            try await loader.partitions.summarize(fiscalYears: written.appended, on: connection)
            report.indexSeconds = (ContinuousClock.now - indexStarted).inSeconds
            if let previous {
                try await store.replace(previous, by: batchID, on: connection)
                report.replaced = previous
            }
            try await store.storeRejects(transcoder.rejects, ofBatch: batchID, on: connection)
            try await store.storeSliceTotals(transcoder.slices.totals(), ofBatch: batchID, on: connection)
            try await store.markLoaded(report, on: connection)
            if totals.rowsRejected > 0 {
                report.message =
                    "\(totals.rowsRejected) of \(totals.rowsRead) rows rejected; see ingest_rejects (batch \(batchID))"
            }
            return .commit(report)
        }
    }

    /// After ROLLBACK: records the batch's end (and, for a rejected file, its rejected rows) in a transaction.
    private func recordRolledBack(
        _ outcome: IngestReport,
        rejects: [RejectedRow],
        on connection: PostgresConnection
    ) async throws -> IngestReport {
        var report = outcome
        try await connection.transaction(logger: logger) { connection in
            if report.status == .rejected {
                try await loader.store.storeRejects(rejects, ofBatch: batchID, on: connection)
            }
            try await loader.store.markRolledBack(report, on: connection)
            return .commit(())
        }
        report.seconds = (ContinuousClock.now - started).inSeconds
        return report
    }
}
