public import Shared

/// Picks the facts that answer a classified question from the latest run's dashboard documents.
///
/// Pure: no I/O. Every fact cites its document and field, carries the value exactly as the document holds it,
/// and is labelled in the question's language. A document or field the answer needs that is missing, or holds
/// the wrong type, throws ``ChatDataError`` naming it — a missing count is never read as 0. The one document that
/// may be absent by design is `rca_latest` (the Detector writes it only when there was a change to explain);
/// its absence is answered as such.
///
/// What each intent reads:
/// - anomaly: `summary` — `findings`, `findings_by_severity`, `findings_by_kind`, and the first 3 of
///   `top_findings` (or of the `findings` passed in), narrowed to the member and periods named, if any.
/// - outlier: `anomalies_statistical` and `anomalies_ml` — `flagged_lines` and the first 3 `lines` (amount and
///   score), narrowed to the member (GL account, cost centre or supplier) and periods named.
/// - trend: `anomalies_trends.changes` narrowed to the periods and member named, the 5 largest by |delta|.
/// - rca: `rca_latest` — the change, the 3 largest steps of each variance bridge, the root-cause set and the
///   3 best-ranked candidates.
/// - summary: `eda_summary` — lines, total spend, debits, credits, fiscal years (those named, else all),
///   distinct counts, median and largest line; and the named member's `breakdown_<dimension>` item.
/// - comparison: `timeseries_month_year` (or `timeseries_fiscal_year` when two years and no period are named)
///   — the two periods named (earlier first), or one named and the one before it, or the last two — and their
///   difference, computed exactly with ``Money``, with the relative change in tenths of a percent.
/// - visualization: the chart that fits (see ``chartName(for:)``), its title and `charts_available`.
/// - general: `summary` headline figures.
///
/// The currency of amounts is `summary.currency` (`eda_summary.currency` for the summary intent).
public struct FactCollector: Sendable {
    /// Creates a collector.
    public init() {}

    /// The facts, and the fitting chart, for `question`.
    ///
    /// - Parameters:
    ///   - question: The classified question.
    ///   - documents: The latest run's dashboard documents by name (`summary`, `anomalies_trends`, …), parsed.
    ///   - findings: Rows of the `findings` table to use for the anomaly intent's top findings instead of
    ///     `summary.top_findings`, most important first; nil to use the summary's.
    /// - Returns: The facts in answer order, and the chart that fits, if any.
    /// - Throws: ``ChatDataError`` naming the missing document or field.
    public func collect(
        for question: ClassifiedQuestion,
        documents: [String: JSONValue],
        findings: [ChatFinding]? = nil
    ) throws(ChatDataError) -> ChatEvidence {
        switch question.intent {
        case .anomaly: try anomalies(question, documents, findings: findings)
        case .outlier: try outliers(question, documents)
        case .trend: try trends(question, documents)
        case .rca: try rootCause(question, documents)
        case .summary: try summary(question, documents)
        case .comparison: try comparison(question, documents)
        case .visualization: try visualization(question, documents)
        case .general: try general(question, documents)
        }
    }

    /// The run's currency: `summary.currency`.
    func currency(_ documents: [String: JSONValue]) throws(ChatDataError) -> String {
        try DocumentCursor.open("summary", in: documents).field("currency").string()
    }

    /// `summary.latest_period` as a fact, or nothing when the run had no period (null).
    func latestPeriod(_ summary: DocumentCursor, _ language: ChatLanguage) throws(ChatDataError) -> [ChatFact] {
        let field = try summary.field("latest_period")
        return field.isNull ? [] : [try field.fact(language.pick("latest period", "periode terakhir"), .text)]
    }

    /// The figure of the chart document `name`, or nil when the run has no such document; a chart document
    /// without `figure` is malformed and throws.
    func chart(_ name: String, _ documents: [String: JSONValue]) throws(ChatDataError) -> JSONValue? {
        guard documents[name] != nil else { return nil }
        return try DocumentCursor.open(name, in: documents).field("figure").value
    }

    /// `facts` with the chart document `name`'s figure attached, when the run has it.
    func evidence(_ facts: [ChatFact], chart name: String, _ documents: [String: JSONValue]) throws(ChatDataError)
        -> ChatEvidence
    {
        let figure = try chart(name, documents)
        return ChatEvidence(facts: facts, chart: figure, chartName: figure == nil ? nil : name)
    }

    /// ` for cost centre 31090 in 2024-05` / ` untuk pusat biaya 31090 pada 2024-05`, or empty.
    func qualifier(member: ChatMember?, periods: [String], _ language: ChatLanguage) -> String {
        var text = ""
        if let member { text += language.pick(" for ", " untuk ") + member.phrase(in: language) }
        if !periods.isEmpty { text += language.pick(" in ", " pada ") + periods.joined(separator: ", ") }
        return text
    }

    /// Severities, most severe first.
    static let severityOrder = Severity.mostUrgentFirst.map(\.rawValue)

    /// The pairs of an object in a stable order.
    ///
    /// Keys listed in `order` come first, in that order, then the others by key. PostgreSQL's `jsonb` does not
    /// keep the key order the Detector wrote, so answers must not rely on it.
    static func ordered(
        _ pairs: [(key: String, cursor: DocumentCursor)],
        by order: [String]
    ) -> [(key: String, cursor: DocumentCursor)] {
        pairs.sorted { lhs, rhs in
            let left = order.firstIndex(of: lhs.key) ?? order.count
            let right = order.firstIndex(of: rhs.key) ?? order.count
            return left != right ? left < right : lhs.key < rhs.key
        }
    }

    /// A severity in words: `critical` / `kritis`.
    static func severityName(_ severity: String, _ language: ChatLanguage) -> String {
        guard language == .indonesian, let level = Severity(rawValue: severity) else { return severity }
        return switch level {
        case .critical: "kritis"
        case .high: "tinggi"
        case .medium: "sedang"
        case .low: "rendah"
        case .info: "info"
        }
    }

    /// A finding kind in words: `mom_change` → `month-over-month change` / `perubahan bulan ke bulan`.
    static func kindName(_ kind: String, _ language: ChatLanguage) -> String {
        let names: [String: (String, String)] = [
            "statistical_outlier": ("statistical outlier", "pencilan statistik"),
            "isolation_forest": ("Isolation Forest outlier", "pencilan Isolation Forest"),
            "mom_change": ("month-over-month change", "perubahan bulan ke bulan"),
            "yoy_change": ("year-over-year change", "perubahan tahun ke tahun"),
            "root_cause": ("root cause", "akar masalah"),
            "duplicate_payment": ("duplicate payment", "pembayaran ganda"),
            "benford": ("Benford deviation", "penyimpangan Benford"),
            "round_amounts": ("round amounts", "nilai bulat"),
            "below_approval_limit": (
                "payments just below an approval limit", "pembayaran tepat di bawah batas persetujuan"
            ),
            "weekend_posting": ("weekend postings", "posting akhir pekan"),
            "incomplete_period": ("incomplete period", "periode tidak lengkap"),
        ]
        guard let (english, indonesian) = names[kind] else { return kind.replacingUnderscores }
        return language.pick(english, indonesian)
    }
}
