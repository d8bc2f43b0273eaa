import Shared

extension LedgerColumns {
    /// The lines up to and including `period` (the columns are ordered by period).
    func through(_ period: FiscalPeriod) -> LedgerColumns {
        var end = 0
        while end < count, FiscalPeriod(year: Int(fiscalYear[end]), period: Int(self.period[end])) <= period {
            end += 1
        }
        guard end < count else { return self }
        var result = self
        result.batchID.removeSubrange(end...)
        result.sourceLine.removeSubrange(end...)
        result.amount.removeSubrange(end...)
        result.fiscalYear.removeSubrange(end...)
        result.period.removeSubrange(end...)
        result.postingDay.removeSubrange(end...)
        result.reference.removeSubrange(end...)
        result.accountType.removeSubrange(end...)
        for index in result.dimensionCodes.indices { result.dimensionCodes[index].removeSubrange(end...) }
        return result
    }
}
