import Foundation
public import Shared

/// Root-cause analysis of one change between two periods, optionally within a slice: exact variance bridges
/// per dimension, the multi-dimensional root-cause search, how the leading members' series move with the
/// total, random-forest importance of each dimension for the leaves' changes, and the journal lines that
/// contribute most.
public struct ChangeExplanation: Sendable {
    /// How strongly one member's monthly series moves with the total's.
    public struct Correlation: Sendable, Equatable {
        /// The member's dimension.
        public var dimension: LedgerDimension
        /// The member.
        public var member: String
        /// Pearson correlation over the periods up to `to` (at most 24).
        public var coefficient: Double
    }

    /// The start period.
    public var from: FiscalPeriod
    /// The end period.
    public var to: FiscalPeriod
    /// The slice analysed (empty = whole organisation).
    public var filter: [DimensionValue]
    /// One bridge per dimension; each sums exactly to the change.
    public var bridges: [VarianceBridge]
    /// The root-cause search over directorate × cost centre × GL account × supplier leaves.
    public var search: RootCauseResult
    /// The leading root-cause element's spend in `from` and `to` (minor units), if there is one.
    public var rootCauseSpend: (start: Int64, end: Int64)? { causes.first.map { ($0.start, $0.end) } }
    /// Every element of the root-cause set with its spend, in the set's order (the leading cause first).
    public var causes: [Cause]
    /// Correlation of the largest contributors' series with the total's series.
    public var correlations: [Correlation]
    /// How much each leaf dimension (``leafDimensions`` order) explains the leaves' changes, by a random forest.
    public var importance: [DimensionImportance]
    /// The lines of the leading root cause in `to` with the largest amounts.
    public var evidence: [EvidenceLine]

    /// One element of the root-cause set, with its spend in the slice.
    public struct Cause: Sendable, Equatable {
        /// The element as the search found it.
        public var element: RootCauseElement
        /// The slice's own conditions, then the element's, in hierarchy order.
        public var dimensions: [DimensionValue]
        /// Spend of the element in `from` (minor units).
        public var start: Int64
        /// Spend of the element in `to` (minor units).
        public var end: Int64
    }

    /// The change: end total − start total.
    public var change: Money { bridges.first?.change ?? .zero }

    /// Dimensions of the leaves, in hierarchy order.
    public static let leafDimensions: [LedgerDimension] = [.directorate, .costCenter, .glAccount, .supplier]

    /// Explains the change of `filter`'s spend from `from` to `to`.
    ///
    /// - Parameters:
    ///   - columns: The journal lines.
    ///   - index: The lines' rows by period.
    ///   - from: The base period.
    ///   - to: The period whose change is explained.
    ///   - filter: The slice (empty for the organisation).
    ///   - materiality: In minor units; the search's pseudo-count (the smoothing of every leaf's spend, in
    ///     currency units) is 1 % of it, which keeps a leaf moving from nothing to a few currency units from
    ///     looking like an infinite rise while leaving real moves their weight.
    /// - Returns: The bridges, the ranked root causes (every cause, for an additive change), importance,
    ///   correlations and evidence.
    public static func explain(
        columns: LedgerColumns,
        index: PeriodIndex,
        from: FiscalPeriod,
        to: FiscalPeriod,
        filter: [DimensionValue],
        materiality: Int64
    ) async -> ChangeExplanation {
        let filterCodes: [(codes: [Int32], code: Int32)] = filter.compactMap { condition in
            guard let code = columns.dictionary(condition.dimension).code(of: condition.value) else {
                return nil
            }
            return (columns.codes(condition.dimension), code)
        }
        let sliceExists = filterCodes.count == filter.count
        func inSlice(_ row: Int) -> Bool { sliceExists && filterCodes.allSatisfy { $0.codes[row] == $0.code } }

        // Leaves: (directorate, cost centre, GL account, supplier) codes → (start, end) in minor units.
        let leafCodes = leafDimensions.map { columns.codes($0) }
        var leaves: [[Int32]: (start: Int64, end: Int64)] = [:]
        for row in index.rows(from) where inSlice(row) {
            leaves[leafCodes.map { $0[row] }, default: (0, 0)].start += columns.amount[row]
        }
        for row in index.rows(to) where inSlice(row) {
            leaves[leafCodes.map { $0[row] }, default: (0, 0)].end += columns.amount[row]
        }

        let bridges = leafDimensions.enumerated()
            .map { position, dimension in
                var start: [String: Int64] = [:]
                var end: [String: Int64] = [:]
                let dictionary = columns.dictionary(dimension)
                for (key, value) in leaves {
                    let member = dictionary.value(key[position]) ?? ""
                    start[member, default: 0] += value.start
                    end[member, default: 0] += value.end
                }
                return VarianceBridge(dimension: dimension, from: from, to: to, start: start, end: end)
            }

        let ordered = leaves.keys.sorted { $0.lexicographicallyPrecedes($1) }
        let rows = ordered.map { key in
            leafDimensions.indices.map { columns.dictionary(leafDimensions[$0]).value(key[$0]) ?? "(none)" }
        }
        // The search models non-negative spend; a leaf that is a net credit counts as zero spend there.
        let actual = ordered.map { Double(max(leaves[$0]!.end, 0)) / 100 }
        let expected = ordered.map { Double(max(leaves[$0]!.start, 0)) / 100 }
        let configuration = RootCauseConfiguration(
            pseudoCount: max(Double(materiality) / 10_000, 1),
            hierarchy: leafDimensions.map(\.rawValue)
        )
        let search: RootCauseResult
        if let table = try? RootCauseTable(
            dimensions: leafDimensions.map(\.rawValue),
            rows: rows,
            actual: actual,
            expected: expected
        ) {
            search = RootCauseSearch.search(table, configuration: configuration)
        } else {
            search = RootCauseSearch.search(
                try! RootCauseTable(dimensions: leafDimensions.map(\.rawValue), rows: [], actual: [], expected: []),
                configuration: configuration
            )
        }

        let causes = search.rootCauseSet.map { element in
            cause(element, leaves: leaves, columns: columns, filter: filter)
        }
        var evidence: [EvidenceLine] = []
        if let top = search.rootCauseSet.first {
            let conditions: [(codes: [Int32], code: Int32)] = top.pairs.compactMap { pair in
                guard let dimension = LedgerDimension(rawValue: pair.dimension),
                    let position = columns.dictionary(dimension).code(of: pair.value)
                else { return nil }
                return (columns.codes(dimension), position)
            }
            func inElement(_ row: Int) -> Bool { inSlice(row) && conditions.allSatisfy { $0.codes[row] == $0.code } }
            evidence = index.rows(to).filter(inElement)
                .sorted { columns.amount[$0].magnitude > columns.amount[$1].magnitude }
                .prefix(10)
                .map {
                    EvidenceLine(
                        batchID: columns.batchID[$0],
                        line: columns.sourceLine[$0],
                        amount: Money(minorUnits: columns.amount[$0])
                    )
                }
        }

        let importance = await RandomForestImportance.importance(
            codes: leafDimensions.indices.map { position in ordered.map { $0[position] } },
            target: ordered.map { Double(leaves[$0]!.end - leaves[$0]!.start) / 100 }
        )
        return ChangeExplanation(
            from: from,
            to: to,
            filter: filter,
            bridges: bridges,
            search: search,
            causes: causes,
            correlations: correlations(bridges: bridges, columns: columns, index: index, to: to, inSlice: inSlice),
            importance: importance,
            evidence: evidence
        )
    }

    /// Pearson correlation of the three largest contributors per dimension with the slice's total, over the
    /// periods up to `to` (at most 24).
    static func correlations(
        bridges: [VarianceBridge],
        columns: LedgerColumns,
        index: PeriodIndex,
        to: FiscalPeriod,
        inSlice: (Int) -> Bool
    ) -> [Correlation] {
        let periods = Array(index.periods.filter { $0 <= to }.suffix(24))
        guard periods.count >= 3 else { return [] }
        var total = [Double](repeating: 0, count: periods.count)
        for (position, period) in periods.enumerated() {
            for row in index.rows(period) where inSlice(row) { total[position] += Double(columns.amount[row]) }
        }
        var result: [Correlation] = []
        for bridge in bridges {
            let codes = columns.codes(bridge.dimension)
            let dictionary = columns.dictionary(bridge.dimension)
            for step in bridge.steps.prefix(3) {
                guard let code = dictionary.code(of: step.member) else { continue }
                var series = [Double](repeating: 0, count: periods.count)
                for (position, period) in periods.enumerated() {
                    for row in index.rows(period) where inSlice(row) && codes[row] == code {
                        series[position] += Double(columns.amount[row])
                    }
                }
                if let coefficient = pearson(series, total) {
                    result.append(
                        Correlation(dimension: bridge.dimension, member: step.member, coefficient: coefficient)
                    )
                }
            }
        }
        return result
    }

    /// Pearson's r, or nil when either series is constant.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0
        var varianceX = 0.0
        var varianceY = 0.0
        for index in x.indices {
            covariance += (x[index] - meanX) * (y[index] - meanY)
            varianceX += (x[index] - meanX) * (x[index] - meanX)
            varianceY += (y[index] - meanY) * (y[index] - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }

    /// The spend of `element` in both periods, summed over the slice's leaves (`leaves` keyed by the codes of
    /// ``leafDimensions``), and its dimension values.
    static func cause(
        _ element: RootCauseElement,
        leaves: [[Int32]: (start: Int64, end: Int64)],
        columns: LedgerColumns,
        filter: [DimensionValue]
    ) -> Cause {
        let conditions: [(position: Int, code: Int32?)] = element.pairs.compactMap { pair in
            guard let dimension = LedgerDimension(rawValue: pair.dimension),
                let position = leafDimensions.firstIndex(of: dimension)
            else { return nil }
            // A leaf without a value is named "(none)" in the search's table; its code is 0.
            let code = columns.dictionary(dimension).code(of: pair.value)
            return (position, code ?? (pair.value == "(none)" ? 0 : nil))
        }
        var spend: (start: Int64, end: Int64) = (0, 0)
        for (key, value) in leaves where conditions.allSatisfy({ $0.code == key[$0.position] }) {
            spend.start += value.start
            spend.end += value.end
        }
        return Cause(
            element: element,
            dimensions: dimensions(of: element, filter: filter),
            start: spend.start,
            end: spend.end
        )
    }

    /// The slice's conditions, then the element's, in hierarchy order.
    static func dimensions(of element: RootCauseElement, filter: [DimensionValue]) -> [DimensionValue] {
        var values = filter
        for pair in element.pairs {
            guard let dimension = LedgerDimension(rawValue: pair.dimension),
                !values.contains(where: { $0.dimension == dimension })
            else { continue }
            values.append(DimensionValue(dimension, pair.value))
        }
        return values.sorted {
            (Self.leafDimensions.firstIndex(of: $0.dimension) ?? 9)
                < (Self.leafDimensions.firstIndex(of: $1.dimension) ?? 9)
        }
    }

    /// The leading root cause as dimension values: the slice's own conditions, then the element's, in hierarchy
    /// order.
    public var rootCauseDimensions: [DimensionValue]? { causes.first?.dimensions }
}
