import Foundation

/// Multi-dimensional root-cause localisation: which combination(s) of dimension values explain the change of a
/// measure from its expected to its actual value (Adtributor / Squeeze / RiskLoc / RobustSpot family).
///
/// 1. Each leaf gets an observed and an expected value of one quantity (`RootCauseObservations`): the measure,
///    or for a ratio its numerator, or for a proportion near 1 its complement.
/// 2. Every element with up to `maximumPairs` conditions is aggregated (`RootCauseLattice`), and scored with
///    Kulldorff's scan statistic, the evidence that it changed by its own factor while the rest changed by
///    another. Elements that moved against the total change are left out.
/// 3. If the evidence of the best element against "nothing changed" (its score plus the evidence of the total
///    change), in pseudo-count units, does not exceed the log of the number of elements (the price of naming one
///    among them), the scan names no cause.
/// 4. From the best element the search walks to the most succinct element that holds the abnormal part and
///    little of the normal part (`RootCauseLocator`), then adds abnormal siblings that explain a real share of
///    the change (`RootCauseSiblings`).
/// 5. For a fundamental measure, the leaves these elements leave uncovered are searched for further, independent
///    causes (`RootCausePartitionSearch`), also when the scan named none: a change can have several causes
///    in different cuboids, and small causes can hide behind the noise of large leaves in the total.
public enum RootCauseSearch {
    /// The root-cause set and the ranked candidates of `table`. Pure computation, no I/O.
    public static func search(_ table: RootCauseTable, configuration: RootCauseConfiguration = .init())
        -> RootCauseResult
    {
        let observations = RootCauseObservations(table)
        let lattice = RootCauseLattice(
            table: table,
            observations: observations,
            maximumPairs: max(1, configuration.maximumPairs),
            preference: preferenceRanks(dimensions: table.dimensions, hierarchy: configuration.hierarchy)
        )
        let evidence = RootCauseEvidence(
            totalObserved: lattice.totalObserved,
            totalExpected: lattice.totalExpected,
            pseudoCount: configuration.pseudoCount
        )

        let candidates = lattice.nodes.indices.filter { index in
            let node = lattice.nodes[index]
            return node.canonical == index && node.rowCount < lattice.rowCount
        }
        let scored =
            candidates.compactMap { index -> (node: Int, score: Double)? in
                let node = lattice.nodes[index]
                guard evidence.movesWithTotal(observed: node.observed, expected: node.expected) else { return nil }
                return (index, evidence.gain(observed: node.observed, expected: node.expected))
            }
            .sorted { $0.score > $1.score || ($0.score == $1.score && $0.node < $1.node) }

        var rootCauses: [Int] = []
        if let strongest = scored.first,
            (strongest.score + evidence.totalChangeEvidence) / configuration.pseudoCount
                > log(Double(max(candidates.count, 2)))
        {
            let locator = RootCauseLocator(lattice: lattice, evidence: evidence, configuration: configuration)
            let siblings = RootCauseSiblings(lattice: lattice, evidence: evidence, configuration: configuration)
            rootCauses = siblings.completed(locator.locate(from: strongest.node)).map { lattice.nodes[$0].canonical }
        }
        if configuration.findsSeveralCauses, observations.quantity == .amount {
            rootCauses += RootCausePartitionSearch(lattice: lattice, configuration: configuration)
                .causes(observed: observations.observed, expected: observations.expected, excluding: rootCauses)
        }

        let others = scored.map(\.node).filter { !rootCauses.contains($0) }
        let ranked = (rootCauses + others).prefix(max(configuration.rankedCount, rootCauses.count))
            .map { index in
                candidate(
                    index,
                    lattice: lattice,
                    evidence: evidence,
                    table: table,
                    isRootCause: rootCauses.contains(index)
                )
            }
        return RootCauseResult(
            rootCauseSet: rootCauses.map { element(lattice.nodes[$0], table: table) },
            ranked: Array(ranked),
            modelledQuantity: observations.quantity,
            totalObserved: lattice.totalObserved,
            totalExpected: lattice.totalExpected,
            elementsSearched: candidates.count
        )
    }

    /// Rank of each table dimension: those named in `hierarchy` first, in that order, then the others in table
    /// order.
    static func preferenceRanks(dimensions: [String], hierarchy: [String]) -> [Int] {
        let named = hierarchy.filter { dimensions.contains($0) }
        let order = named + dimensions.filter { !named.contains($0) }
        return dimensions.map { order.firstIndex(of: $0)! }
    }

    /// The element of `node`, conditions in table order.
    static func element(_ node: RootCauseLattice.Node, table: RootCauseTable) -> RootCauseElement {
        RootCauseElement(
            pairs: node.dimensions.map { dimension in
                RootCausePair(
                    dimension: table.dimensions[dimension],
                    value: table.value(row: node.representativeRow, dimension: dimension)
                )
            }
        )
    }

    /// The candidate of the node at `index`.
    private static func candidate(
        _ index: Int,
        lattice: RootCauseLattice,
        evidence: RootCauseEvidence,
        table: RootCauseTable,
        isRootCause: Bool
    ) -> RootCauseCandidate {
        let node = lattice.nodes[index]
        let rest = (observed: lattice.totalObserved - node.observed, expected: lattice.totalExpected - node.expected)
        let surprise = log(
            evidence.rate(observed: node.observed, expected: node.expected)
                / evidence.rate(observed: rest.observed, expected: rest.expected)
        )
        return RootCauseCandidate(
            element: element(node, table: table),
            explainedShare: evidence.totalChange == 0 ? 0 : (node.observed - node.expected) / evidence.totalChange,
            surprise: surprise,
            score: evidence.gain(observed: node.observed, expected: node.expected),
            isRootCause: isRootCause
        )
    }
}
