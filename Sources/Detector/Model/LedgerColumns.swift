public import Shared

/// Strings replaced by dense integer codes, assigned in order of first appearance; code 0 is "absent" (NULL).
public struct Dictionary32: Sendable {
    /// Values by code; `values[0]` is the empty string standing for NULL.
    public private(set) var values: [String] = [""]
    private var codes: [String: Int32] = [:]

    /// Creates an empty dictionary.
    public init() {}

    /// The code of `value`, adding it when new; nil (NULL) is code 0.
    public mutating func code(_ value: String?) -> Int32 {
        guard let value else { return 0 }
        if let code = codes[value] { return code }
        let code = Int32(values.count)
        values.append(value)
        codes[value] = code
        return code
    }

    /// The string for `code` (nil for 0).
    public func value(_ code: Int32) -> String? {
        code == 0 ? nil : values[Int(code)]
    }

    /// Number of codes including 0.
    public var count: Int { values.count }
}

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

    /// The codes of `dimension` for every row.
    public func codes(_ dimension: LedgerDimension) -> [Int32] {
        dimensionCodes[LedgerDimension.allCases.firstIndex(of: dimension)!]
    }

    /// The dictionary of `dimension`.
    public func dictionary(_ dimension: LedgerDimension) -> Dictionary32 {
        dictionaries[LedgerDimension.allCases.firstIndex(of: dimension)!]
    }

    /// Appends one row; `accountType` is nil for a ledger without account types.
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
        self.batchID.append(batchID)
        self.sourceLine.append(sourceLine)
        self.amount.append(amount)
        self.fiscalYear.append(fiscalYear)
        self.period.append(period)
        self.postingDay.append(postingDay)
        for index in dimensions.indices {
            dimensionCodes[index].append(dictionaries[index].code(dimensions[index]))
        }
        self.reference.append(references.code(reference))
        self.accountType.append(accountTypes.code(accountType))
    }
}
