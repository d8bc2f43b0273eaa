/// Completes a root-cause element with its abnormal siblings: elements on the same dimensions with other
/// values (two bitrates, three suppliers) that changed like it and each explain a real share of the change.
struct RootCauseSiblings {
    let lattice: RootCauseLattice
    let evidence: RootCauseEvidence
    let configuration: RootCauseConfiguration

    /// `first` followed by the siblings that join it, most explaining first. A sibling joins when its ratio lies
    /// at least `abnormalLevel` of the way from the ratio of the remaining data to the ratio of the elements
    /// chosen so far, and it explains at least `siblingShare` of the total change.
    func completed(_ first: Int) -> [Int] {
        var chosen = [first]
        guard evidence.totalChange != 0 else { return chosen }
        var covered = (observed: lattice.nodes[first].observed, expected: lattice.nodes[first].expected)
        let siblings = lattice.cuboidNodes[lattice.cuboidOfNode[first]].filter { $0 != first }
        while true {
            var best: (sibling: Int, share: Double)?
            for index in siblings where !chosen.contains(index) {
                let sibling = lattice.nodes[index]
                let share = (sibling.observed - sibling.expected) / evidence.totalChange
                guard share >= configuration.siblingShare, share > best?.share ?? -.infinity else { continue }
                let abnormality = evidence.abnormality(
                    of: (sibling.observed, sibling.expected),
                    cause: covered,
                    normal: (
                        lattice.totalObserved - covered.observed - sibling.observed,
                        lattice.totalExpected - covered.expected - sibling.expected
                    )
                )
                if abnormality >= configuration.abnormalLevel { best = (index, share) }
            }
            guard let next = best else { return chosen }
            chosen.append(next.sibling)
            covered.observed += lattice.nodes[next.sibling].observed
            covered.expected += lattice.nodes[next.sibling].expected
        }
    }
}
