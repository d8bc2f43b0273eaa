public import Shared

/// Flags a latest period that looks incomplete — far fewer lines or far less money than usual — so findings
/// about it are marked provisional instead of alarming anyone about a half-loaded month.
///
/// "Usual" is the median of the up to 12 regular periods before it. The period is incomplete when its line count
/// or its absolute spend is below `minimumShare` of that median.
public struct CompletenessGate: Sendable {
    /// The verdict.
    public struct Verdict: Sendable {
        /// The period judged.
        public var period: FiscalPeriod
        /// Lines in it.
        public var lines: Int
        /// Median lines of the periods before.
        public var usualLines: Int
        /// Spend in it, minor units.
        public var amount: Int64
        /// Median spend of the periods before.
        public var usualAmount: Int64
        /// Whether it looks incomplete.
        public var incomplete: Bool
    }

    private let minimumShare: Double

    /// Creates the gate.
    public init(minimumShare: Double) {
        self.minimumShare = minimumShare
    }

    /// Judges `latest` from the organisation's per-period totals; nil when there is no history to compare with.
    public func judge(latest: FiscalPeriod, totals: [FiscalPeriod: (amount: Int64, lines: Int)]) -> Verdict? {
        guard let current = totals[latest] else { return nil }
        let history = totals.keys.filter { $0 < latest && $0.period <= 12 }.sorted().suffix(12)
        guard history.count >= 3 else { return nil }
        let lines = history.map { totals[$0]!.lines }.sorted()
        let amounts = history.map { totals[$0]!.amount.magnitude }.sorted()
        let usualLines = lines[(lines.count - 1) / 2]
        let usualAmount = amounts[(amounts.count - 1) / 2]
        let incomplete =
            Double(current.lines) < minimumShare * Double(usualLines)
            || Double(current.amount.magnitude) < minimumShare * Double(usualAmount)
        return Verdict(
            period: latest,
            lines: current.lines,
            usualLines: usualLines,
            amount: current.amount,
            usualAmount: Int64(usualAmount),
            incomplete: incomplete
        )
    }

    /// The finding for an incomplete period.
    public func finding(_ verdict: Verdict, wording: Wording) -> FindingDraft {
        FindingDraft(
            kind: .incompletePeriod,
            period: verdict.period,
            dimensions: [],
            actual: Money(minorUnits: verdict.amount),
            expected: Money(minorUnits: verdict.usualAmount),
            score: verdict.usualLines > 0 ? 1 - Double(verdict.lines) / Double(verdict.usualLines) : 1,
            explanation:
                "\(verdict.period) holds \(verdict.lines) lines and \(wording.money(verdict.amount)), against a usual \(verdict.usualLines) lines and \(wording.money(verdict.usualAmount)); it looks incomplete, so its findings are provisional.",
            details: ["lines": "\(verdict.lines)", "usual_lines": "\(verdict.usualLines)"]
        )
    }
}
