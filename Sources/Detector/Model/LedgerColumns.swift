public import Shared

/// Ledger rows as parallel arrays, ready for row-level passes: amounts in signed minor units (S = +, H = −),
/// dimensions dictionary-coded, and each row's evidence id (batch, source line).
///
/// Row `i` is described by element `i` of every array.
public struct LedgerColumns: Sendable {
    /// Batch of the row (`ingest_batches.id`).
    public var batchID: [Int64] = []
    /// Line of the row in its source file.
    public var sourceLine: [Int64] = []
    /// Signed amount in minor units.
    public var amount: [Int64] = []
    /// Fiscal year.
    public var fiscalYear: [Int16] = []
    /// Posting period 1–16.
    public var period: [Int8] = []
    /// Posting date as days since 1970-01-01, or `Int32.min` when the source had none.
    public var postingDay: [Int32] = []
    /// Dictionary codes per dimension, in ``LedgerDimension/allCases`` order.
    public var dimensionCodes: [[Int32]] = Array(repeating: [], count: LedgerDimension.allCases.count)
    /// Dictionary code of the payment reference (for duplicate tests).
    public var reference: [Int32] = []
    /// Dictionaries per dimension, in ``LedgerDimension/allCases`` order.
    public var dictionaries: [Dictionary32] = Array(repeating: Dictionary32(), count: LedgerDimension.allCases.count)
    /// Dictionary of references.
    public var references = Dictionary32()
    /// Dictionary code of the account type or account group (`account_type`), for tests by account class.
    public var accountType: [Int32] = []
    /// Dictionary of account types.
    public var accountTypes = Dictionary32()

    /// Creates empty columns.
    public init() {}

    /// Number of rows.
    public var count: Int { amount.count }

    /// Reserves room for `rows` rows in every row array, so that a reader that knows how many rows it will append
    /// allocates each array once (appending alone doubles them as they grow: up to twice the memory, and copies).
    public mutating func reserveCapacity(_ rows: Int) {
        batchID.reserveCapacity(rows)
        sourceLine.reserveCapacity(rows)
        amount.reserveCapacity(rows)
        fiscalYear.reserveCapacity(rows)
        period.reserveCapacity(rows)
        postingDay.reserveCapacity(rows)
        for index in dimensionCodes.indices { dimensionCodes[index].reserveCapacity(rows) }
        reference.reserveCapacity(rows)
        accountType.reserveCapacity(rows)
    }

    /// The codes of `dimension` for every row.
    public func codes(_ dimension: LedgerDimension) -> [Int32] {
        dimensionCodes[LedgerDimension.allCases.firstIndex(of: dimension)!]
    }

    /// The dictionary of `dimension`.
    public func dictionary(_ dimension: LedgerDimension) -> Dictionary32 {
        dictionaries[LedgerDimension.allCases.firstIndex(of: dimension)!]
    }

    /// Appends one row; `dimensions` are its values in ``LedgerDimension/allCases`` order, `accountType` is nil for
    /// a ledger without account types.
    public mutating func append(
        batchID: Int64,
        sourceLine: Int64,
        amount: Int64,
        fiscalYear: Int16,
        period: Int8,
        postingDay: Int32,
        dimensions: [String?],
        reference: String?,
        accountType: String? = nil
    ) {
        precondition(dimensions.count == dictionaries.count, "one value per ledger dimension")
        let codes = (
            dictionaries[0].code(dimensions[0]), dictionaries[1].code(dimensions[1]),
            dictionaries[2].code(dimensions[2]), dictionaries[3].code(dimensions[3]),
            dictionaries[4].code(dimensions[4])
        )
        append(
            batchID: batchID,
            sourceLine: sourceLine,
            amount: amount,
            fiscalYear: fiscalYear,
            period: period,
            postingDay: postingDay,
            dimensionCodes: codes,
            referenceCode: references.code(reference),
            accountTypeCode: accountTypes.code(accountType)
        )
    }

    /// Appends one row whose values are already codes of these columns' dictionaries (dimensions in
    /// ``LedgerDimension/allCases`` order): the reader codes text cells from their bytes.
    mutating func append(
        batchID: Int64,
        sourceLine: Int64,
        amount: Int64,
        fiscalYear: Int16,
        period: Int8,
        postingDay: Int32,
        dimensionCodes codes: (Int32, Int32, Int32, Int32, Int32),
        referenceCode: Int32,
        accountTypeCode: Int32
    ) {
        self.batchID.append(batchID)
        self.sourceLine.append(sourceLine)
        self.amount.append(amount)
        self.fiscalYear.append(fiscalYear)
        self.period.append(period)
        self.postingDay.append(postingDay)
        dimensionCodes[0].append(codes.0)
        dimensionCodes[1].append(codes.1)
        dimensionCodes[2].append(codes.2)
        dimensionCodes[3].append(codes.3)
        dimensionCodes[4].append(codes.4)
        reference.append(referenceCode)
        accountType.append(accountTypeCode)
    }
}
