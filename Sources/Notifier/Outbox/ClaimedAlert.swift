public import Shared

/// An alert a notifier has claimed for one attempt, with the findings it reports.
public struct ClaimedAlert: Sendable {
    /// `alerts.id`.
    public var id: Int64
    /// The stable key receivers use to recognise a redelivery.
    public var idempotencyKey: String
    /// The route's name.
    public var route: String
    /// Immediate or digest.
    public var mode: AlertRoute.Mode
    /// This attempt's number (1 = first).
    public var attempt: Int
    /// The findings, in id order.
    public var findings: [AlertFinding]

    /// Creates a claimed alert.
    public init(
        id: Int64,
        idempotencyKey: String,
        route: String,
        mode: AlertRoute.Mode,
        attempt: Int,
        findings: [AlertFinding]
    ) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.route = route
        self.mode = mode
        self.attempt = attempt
        self.findings = findings
    }
}

/// The part of a finding an alert carries.
public struct AlertFinding: Sendable, Codable, Equatable {
    /// `findings.id`.
    public var id: Int64
    /// Kind, e.g. `mom_change`.
    public var kind: FindingKind
    /// info … critical.
    public var severity: Severity
    /// `YYYY-PP`, if any.
    public var period: String?
    /// `directorate=…/cost_center=…`.
    public var dimensionPath: String
    /// Exact decimal texts.
    public var actual: String?
    /// Exact decimal texts.
    public var expected: String?
    /// Exact decimal texts.
    public var delta: String?
    /// Currency code.
    public var currency: String
    /// The sentence.
    public var explanation: String
    /// `[{"batch_id":…,"line":…,"amount":…}]` as stored.
    public var evidence: String
    /// The same journal lines with the name of the file each came from, in stored order.
    public var evidenceLines: [AlertEvidenceLine] = []

    /// Creates a finding as an alert carries it.
    public init(
        id: Int64,
        kind: FindingKind,
        severity: Severity,
        period: String?,
        dimensionPath: String,
        actual: String?,
        expected: String?,
        delta: String?,
        currency: String,
        explanation: String,
        evidence: String,
        evidenceLines: [AlertEvidenceLine] = []
    ) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.period = period
        self.dimensionPath = dimensionPath
        self.actual = actual
        self.expected = expected
        self.delta = delta
        self.currency = currency
        self.explanation = explanation
        self.evidence = evidence
        self.evidenceLines = evidenceLines
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, severity, period, actual, expected, delta, currency, explanation, evidence
        case dimensionPath = "dimension_path"
        case evidenceLines = "evidence_lines"
    }
}

/// A journal line behind a finding, as an alert shows it.
public struct AlertEvidenceLine: Sendable, Codable, Equatable {
    /// `ingest_batches.id`.
    public var batchID: Int64
    /// The loaded file's name, when the batch is still recorded.
    public var fileName: String?
    /// The line in that file.
    public var line: Int64
    /// The amount, an exact decimal text.
    public var amount: String

    /// Creates an evidence line.
    public init(batchID: Int64, fileName: String?, line: Int64, amount: String) {
        self.batchID = batchID
        self.fileName = fileName
        self.line = line
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case line, amount
        case batchID = "batch_id"
        case fileName = "file_name"
    }
}
