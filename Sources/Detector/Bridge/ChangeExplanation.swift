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
    ///   - importanceWithoutCause: Whether ``importance`` is measured when the search finds no root cause (the
    ///     dashboard shows it for the latest change); when false it is then empty: a finding needs a cause.
    /// - Returns: The bridges, the ranked root causes (every cause, for an additive change), importance,
    ///   correlations and evidence.
    public static func explain(
        columns: LedgerColumns,
        index: PeriodIndex,
        from: FiscalPeriod,
        to: FiscalPeriod,
        filter: [DimensionValue],
        materiality: Int64,
        importanceWithoutCause: Bool = true
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
        func leaf(_ row: Int) -> Leaf {
            Leaf(leafCodes[0][row], leafCodes[1][row], leafCodes[2][row], leafCodes[3][row])
        }
        var leaves: [Leaf: (start: Int64, end: Int64)] = [:]
        for row in index.rows(from) where inSlice(row) {
            leaves[leaf(row), default: (0, 0)].start += columns.amount[row]
        }
        for row in index.rows(to) where inSlice(row) {
            leaves[leaf(row), default: (0, 0)].end += columns.amount[row]
        }

        let bridges = leafDimensions.enumerated()
            .map { position, dimension in
                // Summed by code first: each code's member is then named once, not once per leaf.
                var byCode: [Int32: (start: Int64, end: Int64)] = [:]
                for (key, value) in leaves {
                    byCode[key[position], default: (0, 0)].start += value.start
                    byCode[key[position], default: (0, 0)].end += value.end
                }
                var start: [String: Int64] = [:]
                var end: [String: Int64] = [:]
                let dictionary = columns.dictionary(dimension)
                for (code, value) in byCode {
                    let member = dictionary.value(code) ?? ""
                    start[member, default: 0] += value.start
                    end[member, default: 0] += value.end
                }
                return VarianceBridge(dimension: dimension, from: from, to: to, start: start, end: end)
            }

        let ordered = leaves.keys.sorted { lhs, rhs in
            lhs[0] != rhs[0]
                ? lhs[0] < rhs[0]
                : lhs[1] != rhs[1] ? lhs[1] < rhs[1] : lhs[2] != rhs[2] ? lhs[2] < rhs[2] : lhs[3] < rhs[3]
        }
        // The search models non-negative spend; a leaf that is a net credit counts as zero spend there.
        let actual = ordered.map { Double(max(leaves[$0]!.end, 0)) / 100 }
        let expected = ordered.map { Double(max(leaves[$0]!.start, 0)) / 100 }
        let configuration = RootCauseConfiguration(
            pseudoCount: max(Double(materiality) / 10_000, 1),
            hierarchy: leafDimensions.map(\.rawValue)
        )
        let search: RootCauseResult
        if let table = try? table(of: ordered, columns: columns, actual: actual, expected: expected) {
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

        // A finding (``finding(wording:)``) needs the search's leading cause.
        let importance =
            importanceWithoutCause || search.leadingCause != nil
            ? await RandomForestImportance.importance(
                codes: leafDimensions.indices.map { position in ordered.map { $0[position] } },
                target: ordered.map { Double(leaves[$0]!.end - leaves[$0]!.start) / 100 }
            ) : []
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

    /// The spend of `element` in both periods, summed over the slice's leaves (`leaves` keyed by the codes of
    /// ``leafDimensions``), and its dimension values.
    static func cause(
        _ element: RootCauseElement,
        leaves: [Leaf: (start: Int64, end: Int64)],
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

    /// A leaf's codes of ``leafDimensions``, in their order: a dictionary key that allocates nothing.
    typealias Leaf = SIMD4<Int32>

    /// The leading root cause as dimension values: the slice's own conditions, then the element's, in hierarchy
    /// order.
    public var rootCauseDimensions: [DimensionValue]? { causes.first?.dimensions }
}
