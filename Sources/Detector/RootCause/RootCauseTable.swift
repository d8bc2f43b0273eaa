/// The leaves of a multi-dimensional measure: one row per combination of dimension values, with the actual and
/// the expected value of the measure.
///
/// A *fundamental* measure (spend, a count) has `actual` and `expected` only. A *derived* measure is a ratio
/// `actual / actualDenominator` against `expected / expectedDenominator` (a success rate, spend per head); then
/// both denominators are present and `actual`, `expected` are the numerators.
/// Dimension values are stored as dictionary codes: row `r` has value `dictionaries[d][codes[d][r]]` in
/// dimension `d`.
public struct RootCauseTable: Sendable {
    /// Dimension names, in the order used for element descriptions.
    public var dimensions: [String]
    /// Per dimension, the dictionary code of each row's value.
    public var codes: [[Int32]]
    /// Per dimension, the distinct values; a code indexes this array.
    public var dictionaries: [[String]]
    /// The actual value (numerator for a derived measure) of each row.
    public var actual: [Double]
    /// The expected value (numerator for a derived measure) of each row, e.g. the previous period or a forecast.
    public var expected: [Double]
    /// The actual denominator of each row, for a derived measure; nil for a fundamental one.
    public var actualDenominator: [Double]?
    /// The expected denominator of each row, for a derived measure; nil for a fundamental one.
    public var expectedDenominator: [Double]?

    /// The number of rows (leaves).
    public var rowCount: Int { actual.count }

    /// True for a ratio measure (both denominators present).
    public var isDerived: Bool { actualDenominator != nil && expectedDenominator != nil }

    /// A table from string rows.
    ///
    /// - Parameters:
    ///   - dimensions: the dimension names, distinct.
    ///   - rows: one array per row with that row's value in each dimension, in `dimensions` order.
    ///   - actual: the observed measure (numerator for a derived measure), one per row.
    ///   - expected: the forecast measure (numerator for a derived measure), one per row.
    ///   - actualDenominator: the observed denominator of a derived measure; with `expectedDenominator` or not at all.
    ///   - expectedDenominator: the forecast denominator of a derived measure; one per row.
    /// - Throws: `RootCauseTableError` when the lengths disagree, a dimension name repeats, only one
    ///   denominator is given, or a number is not finite.
    public init(
        dimensions: [String],
        rows: [[String]],
        actual: [Double],
        expected: [Double],
        actualDenominator: [Double]? = nil,
        expectedDenominator: [Double]? = nil
    ) throws {
        guard rows.count == actual.count else { throw RootCauseTableError.lengthMismatch }
        if let ragged = rows.firstIndex(where: { $0.count != dimensions.count }) {
            throw RootCauseTableError.raggedRow(ragged)
        }
        try self.init(
            dimensions: dimensions,
            columns: dimensions.indices.map { dimension in rows.map { $0[dimension] } },
            actual: actual,
            expected: expected,
            actualDenominator: actualDenominator,
            expectedDenominator: expectedDenominator
        )
    }

    /// A table from string columns: `columns[d][r]` is row `r`'s value in dimension `d`. Otherwise as
    /// `init(dimensions:rows:actual:expected:actualDenominator:expectedDenominator:)`.
    init(
        dimensions: [String],
        columns: [[String]],
        actual: [Double],
        expected: [Double],
        actualDenominator: [Double]?,
        expectedDenominator: [Double]?
    ) throws {
        var codes: [[Int32]] = []
        var dictionaries: [[String]] = []
        for values in columns {
            var lookup: [String: Int32] = [:]
            var dictionary: [String] = []
            codes.append(
                values.map { value in
                    if let code = lookup[value] { return code }
                    let code = Int32(dictionary.count)
                    lookup[value] = code
                    dictionary.append(value)
                    return code
                }
            )
            dictionaries.append(dictionary)
        }
        try self.init(
            dimensions: dimensions,
            codes: codes,
            dictionaries: dictionaries,
            actual: actual,
            expected: expected,
            actualDenominator: actualDenominator,
            expectedDenominator: expectedDenominator
        )
    }

    /// A table from coded columns: row `r` has value `dictionaries[d][codes[d][r]]` in dimension `d`, each code an
    /// index of its dictionary. Otherwise as `init(dimensions:rows:actual:expected:actualDenominator:expectedDenominator:)`.
    init(
        dimensions: [String],
        codes: [[Int32]],
        dictionaries: [[String]],
        actual: [Double],
        expected: [Double],
        actualDenominator: [Double]? = nil,
        expectedDenominator: [Double]? = nil
    ) throws {
        guard Set(dimensions).count == dimensions.count else { throw RootCauseTableError.repeatedDimension }
        guard (actualDenominator == nil) == (expectedDenominator == nil) else {
            throw RootCauseTableError.oneDenominatorOnly
        }
        let rowCount = actual.count
        let measures = [actual, expected] + [actualDenominator, expectedDenominator].compactMap { $0 }
        guard codes.count == dimensions.count, dictionaries.count == dimensions.count,
            measures.allSatisfy({ $0.count == rowCount }), codes.allSatisfy({ $0.count == rowCount })
        else { throw RootCauseTableError.lengthMismatch }
        guard measures.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw RootCauseTableError.notFinite }
        self.dimensions = dimensions
        self.codes = codes
        self.dictionaries = dictionaries
        self.actual = actual
        self.expected = expected
        self.actualDenominator = actualDenominator
        self.expectedDenominator = expectedDenominator
    }

    /// The value of `row` in dimension number `dimension`.
    public func value(row: Int, dimension: Int) -> String {
        dictionaries[dimension][Int(codes[dimension][row])]
    }
}

/// Why a `RootCauseTable` could not be built.
public enum RootCauseTableError: Error, Equatable, CustomStringConvertible {
    /// A dimension name appears twice.
    case repeatedDimension
    /// Only one of the two denominators was given.
    case oneDenominatorOnly
    /// A measure array does not have one value per row.
    case lengthMismatch
    /// A measure value is NaN or infinite.
    case notFinite
    /// The row with this index does not have one value per dimension.
    case raggedRow(Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .repeatedDimension: "a dimension name appears twice"
        case .oneDenominatorOnly: "a derived measure needs both the actual and the expected denominator"
        case .lengthMismatch: "every measure needs exactly one value per row"
        case .notFinite: "a measure value is not a finite number"
        case .raggedRow(let row): "row \(row) does not have one value per dimension"
        }
    }
}
