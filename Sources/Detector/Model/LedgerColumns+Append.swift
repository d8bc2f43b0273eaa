extension LedgerColumns {
    /// Appends `other`'s rows, their codes renumbered through these columns' dictionaries: each value of `other`
    /// new here is added in the order `other` first saw it, so rows and dictionaries end as if `other`'s rows had
    /// been appended one by one after these (a read in two halves equals one sequential read).
    public mutating func append(contentsOf other: LedgerColumns) {
        // Nothing here yet: the result is `other` as it is.
        if count == 0, (dictionaries + [references, accountTypes]).allSatisfy({ $0.count == 1 }) {
            self = other
            return
        }
        batchID.append(contentsOf: other.batchID)
        sourceLine.append(contentsOf: other.sourceLine)
        amount.append(contentsOf: other.amount)
        fiscalYear.append(contentsOf: other.fiscalYear)
        period.append(contentsOf: other.period)
        postingDay.append(contentsOf: other.postingDay)
        for index in dictionaries.indices {
            let codes = dictionaries[index].codes(adding: other.dictionaries[index])
            dimensionCodes[index].append(contentsOf: other.dimensionCodes[index].lazy.map { codes[Int($0)] })
        }
        let referenceCodes = references.codes(adding: other.references)
        reference.append(contentsOf: other.reference.lazy.map { referenceCodes[Int($0)] })
        let accountTypeCodes = accountTypes.codes(adding: other.accountTypes)
        accountType.append(contentsOf: other.accountType.lazy.map { accountTypeCodes[Int($0)] })
    }
}
