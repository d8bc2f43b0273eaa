/// An exact variance bridge: the start total, each member's contribution, the end total.
///
/// Contributions are computed in integer minor units, so they always sum exactly to `end − start`.
public struct VarianceBridge: Sendable, Equatable, Codable {
    /// One step of the bridge.
    public struct Step: Sendable, Equatable, Codable {
        /// The member ("(none)" for lines without a value).
        public var member: String
        /// Spend in the start period.
        public var start: Money
        /// Spend in the end period.
        public var end: Money
        /// end − start.
        public var contribution: Money
    }

    /// The dimension bridged over.
    public var dimension: LedgerDimension
    /// The start period.
    public var from: FiscalPeriod
    /// The end period.
    public var to: FiscalPeriod
    /// Total spend in the start period.
    public var start: Money
    /// Total spend in the end period.
    public var end: Money
    /// Members with a non-zero contribution, largest magnitude first (ties by name).
    public var steps: [Step]

    /// Builds the bridge over `dimension` from per-member totals of the two periods.
    public init(
        dimension: LedgerDimension,
        from: FiscalPeriod,
        to: FiscalPeriod,
        start startByMember: [String: Int64],
        end endByMember: [String: Int64]
    ) {
        self.dimension = dimension
        self.from = from
        self.to = to
        var steps: [Step] = []
        for member in Set(startByMember.keys).union(endByMember.keys) {
            let startAmount = startByMember[member] ?? 0
            let endAmount = endByMember[member] ?? 0
            guard startAmount != endAmount else { continue }
            steps.append(
                Step(
                    member: member.isEmpty ? "(none)" : member,
                    start: Money(minorUnits: startAmount),
                    end: Money(minorUnits: endAmount),
                    contribution: Money(minorUnits: endAmount - startAmount)
                )
            )
        }
        self.steps = steps.sorted {
            $0.contribution.minorUnits.magnitude != $1.contribution.minorUnits.magnitude
                ? $0.contribution.minorUnits.magnitude > $1.contribution.minorUnits.magnitude
                : $0.member < $1.member
        }
        start = Money(minorUnits: startByMember.values.reduce(0, +))
        end = Money(minorUnits: endByMember.values.reduce(0, +))
    }

    /// The change the bridge explains: end − start, which equals the sum of the steps' contributions.
    public var change: Money { end - start }
}
