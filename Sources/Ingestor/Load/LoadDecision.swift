import Foundation

/// What a load found out before deciding: the counts and totals taken while reading the file, what the
/// database holds for the batch, and which loaded batches it relates to.
public struct LoadFacts: Sendable, Equatable {
    /// Counted and summed while reading the file.
    public var totals: TranscodeTotals
    /// Largest tolerated share of rejected rows (`ingest.max_reject_share`).
    public var maximumRejectShare: Double
    /// A loaded batch with the same SHA-256, if any.
    public var identicalBatch: LoadedBatch?
    /// The request asked to replace the latest loaded batch of the same file name.
    public var replace: Bool
    /// That batch, if there is one.
    public var previousBatch: Int64?
    /// Rows and signed total per fiscal year the database holds for this batch, just before COMMIT.
    public var stored: [Int: TranscodeTotals.YearTotal]

    /// Creates the facts.
    public init(
        totals: TranscodeTotals,
        maximumRejectShare: Double,
        identicalBatch: LoadedBatch? = nil,
        replace: Bool = false,
        previousBatch: Int64? = nil,
        stored: [Int: TranscodeTotals.YearTotal]
    ) {
        self.totals = totals
        self.maximumRejectShare = maximumRejectShare
        self.identicalBatch = identicalBatch
        self.replace = replace
        self.previousBatch = previousBatch
        self.stored = stored
    }
}

/// How a load's transaction ends. Pure: ``decide(_:)`` is tested without a database.
public enum LoadDecision: Sendable, Equatable {
    /// Commit the rows; when `replacing` is given, that batch's rows are deleted in the same transaction.
    case commit(replacing: Int64?)
    /// Roll the rows back: more rows were rejected than allowed. The batch is recorded as rejected with the
    /// message, and its rejected rows are kept.
    case tooManyRejects(message: String)
    /// Roll the rows back: the same bytes were loaded before as `batch`.
    case duplicate(of: LoadedBatch)
    /// Roll back and fail: the database holds other rows or totals for the batch than were sent.
    case integrityFailure

    /// The decision, in this order: too many rejected rows; the same bytes already loaded; the database's counts
    /// and totals differing from the file's; otherwise commit (replacing the previous batch when asked).
    public static func decide(_ facts: LoadFacts) -> LoadDecision {
        let totals = facts.totals
        if totals.rowsRead > 0 {
            let share = Double(totals.rowsRejected) / Double(totals.rowsRead)
            if share > facts.maximumRejectShare {
                return .tooManyRejects(
                    message: String(
                        format:
                            "%d of %d rows (%.2f %%) were rejected, more than the allowed %.2f %%; nothing was loaded",
                        totals.rowsRejected,
                        totals.rowsRead,
                        100 * share,
                        100 * facts.maximumRejectShare
                    )
                )
            }
        }
        if let identical = facts.identicalBatch { return .duplicate(of: identical) }
        guard facts.stored == totals.years else { return .integrityFailure }
        return .commit(replacing: facts.replace ? facts.previousBatch : nil)
    }
}

/// A batch whose rows are stored.
public struct LoadedBatch: Sendable, Equatable {
    /// `ingest_batches.id`.
    public var id: Int64
    /// The file's name.
    public var fileName: String
    /// The file's SHA-256, lowercase hex.
    public var sha256: String

    /// Creates a batch reference.
    public init(id: Int64, fileName: String, sha256: String) {
        self.id = id
        self.fileName = fileName
        self.sha256 = sha256
    }
}
