public import Shared

/// The outcome of loading one file, for the terminal summary and `--json`.
public struct IngestReport: Sendable, Codable {
    /// What became of the file.
    public enum Status: String, Sendable, Codable {
        /// Rows are stored (possibly with some rejected rows, see ``IngestReport/rowsRejected``).
        case loaded
        /// The same bytes were loaded before; nothing changed.
        case duplicate
        /// Too many rows were invalid; nothing was loaded, the rejected rows are stored.
        case rejected

        /// The batch's status in `ingest_batches`.
        public var batchStatus: BatchStatus {
            switch self {
            case .loaded: .loaded
            case .duplicate: .duplicate
            case .rejected: .rejected
            }
        }
    }

    /// Rows and signed total of one fiscal year.
    public struct Year: Sendable, Codable, Equatable {
        /// Rows loaded.
        public var rows: Int
        /// Signed total (S = +, H = −), exact.
        public var total: Money
    }

    /// The file's path.
    public var file: String
    /// The batch id in `ingest_batches`.
    public var batchID: Int64
    /// Outcome.
    public var status: Status
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// Mapping profile used.
    public var profile: String
    /// Data rows read (header and blank lines excluded).
    public var rowsRead: Int = 0
    /// Rows stored.
    public var rowsLoaded: Int = 0
    /// Rows refused.
    public var rowsRejected: Int = 0
    /// Empty lines skipped.
    public var blankLines: Int = 0
    /// Loaded rows by fiscal year.
    public var fiscalYears: [String: Year] = [:]
    /// Signed total of all loaded rows.
    public var total: Money = .zero
    /// The earlier batch this file duplicates.
    public var duplicateOf: Int64?
    /// The batch this load replaced (`--replace`).
    public var replaced: Int64?
    /// A sentence about the outcome.
    public var message: String?
    /// The first rejected rows (all are in `ingest_rejects`).
    public var rejectsSample: [RejectedRow] = []
    /// Wall time from the start until the rows were committed (visible, verified and indexed).
    public var seconds: Double = 0
    /// Time spent before COMMIT building the new partitions' BRIN indexes and summarising the others' over the new
    /// rows (part of `seconds`).
    public var indexSeconds: Double = 0
    /// Size of the file.
    public var fileBytes: Int = 0

    enum CodingKeys: String, CodingKey {
        case file, status, sha256, profile, total, message, seconds
        case batchID = "batch_id"
        case rowsRead = "rows_read"
        case rowsLoaded = "rows_loaded"
        case rowsRejected = "rows_rejected"
        case blankLines = "blank_lines"
        case fiscalYears = "fiscal_years"
        case duplicateOf = "duplicate_of"
        case replaced
        case rejectsSample = "rejects_sample"
        case fileBytes = "file_bytes"
        case indexSeconds = "index_seconds"
    }

    init(
        file: String,
        batchID: Int64,
        status: Status,
        sha256: String,
        profile: String,
        duplicateOf: Int64? = nil,
        message: String? = nil,
        seconds: Double = 0,
        fileBytes: Int
    ) {
        self.file = file
        self.batchID = batchID
        self.status = status
        self.sha256 = sha256
        self.profile = profile
        self.duplicateOf = duplicateOf
        self.message = message
        self.seconds = seconds
        self.fileBytes = fileBytes
    }

    init(
        file: String,
        batchID: Int64,
        status: Status,
        sha256: String,
        profile: String,
        totals: TranscodeTotals,
        fileBytes: Int
    ) {
        self.init(file: file, batchID: batchID, status: status, sha256: sha256, profile: profile, fileBytes: fileBytes)
        rowsRead = totals.rowsRead
        rowsLoaded = totals.rowsAccepted
        rowsRejected = totals.rowsRejected
        blankLines = totals.blankLines
        fiscalYears = Dictionary(
            uniqueKeysWithValues: totals.years.map {
                (String($0.key), Year(rows: $0.value.rows, total: Money(minorUnits: $0.value.minorUnits)))
            }
        )
        total = Money(minorUnits: totals.minorUnits)
    }

    /// Rows per second of wall time.
    public var rowsPerSecond: Double { seconds > 0 ? Double(rowsRead) / seconds : 0 }
}
