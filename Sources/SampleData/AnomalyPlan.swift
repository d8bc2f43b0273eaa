/// What an injected anomaly puts on one row, decided before any row is written.
enum PlannedRow: Sendable, Hashable {
    /// A natural debit row whose amount is `multiplier` times its account's typical amount.
    case pointOutlier(multiplier: Double)
    /// A natural debit row that is paid a second time at `copyRow`.
    case duplicateOriginal(copyRow: Int)
    /// The second payment of the row at `originalRow`, posted `delayDays` days later (within the month).
    case duplicateCopy(originalRow: Int, delayDays: Int)
    /// An extra natural row of the spike cost centre in the spike period.
    case spikeExtra
    /// The last row of the spike period, booked on the spike cost centre with whatever amount lifts its spend
    /// to the target.
    case spikeBalance
    /// Extra spend of the root-cause directorate and supplier.
    case rootCause(costCentre: Int, account: Int, amount: Int64)
    /// One invoice of the cluster just under the approval limit.
    case belowApprovalLimit(amount: Int64)
}

/// The month-over-month spike: one cost centre spends far more in one period than in the one before.
struct MomSpikePlan: Sendable {
    let costCentre: Int
    let period: Int
    /// The spend, in minor units, the cost centre is expected to book in a period of this size.
    let baselineSpend: Int64
    /// The spike period's spend is lifted to at least this multiple of max(previous spend, baseline).
    static let minimumGrowth = 1.65
}

/// The root cause: extra spend injected only for `directorate` ∧ `supplier` in one period.
struct RootCausePlan: Sendable {
    let directorate: Int
    let supplier: Int
    let period: Int
    /// The sum of the injected rows' amounts, in minor units.
    let injectedAmount: Int64
}

/// The cluster of invoices from one supplier to one cost centre just under the approval limit.
struct BelowLimitPlan: Sendable {
    let supplier: Int
    let costCentre: Int
    let account: Int
    let period: Int
}

/// Which rows carry which anomaly. Planned up front from the row count alone, so the rows can be streamed.
struct AnomalyPlan: Sendable {
    /// The planned rows by 0-based row number; every other row is natural.
    let plannedRows: [Int: PlannedRow]
    let momSpike: MomSpikePlan?
    let rootCause: RootCausePlan?
    let belowLimit: BelowLimitPlan?
}
