/// Moves from the element with the strongest scan evidence to the most succinct element that still contains
/// all of the abnormal part and little of the normal part (Occam's razor over the lattice).
///
/// The scan statistic rewards concentration: when a whole cost centre overspent but one supplier in it
/// overspent most, the supplier alone scores highest. So from the current element E:
/// - **widen** to a parent P (E without one condition) when the part P adds, P∖E, is itself abnormal: its
///   ratio lies at least `abnormalLevel` of the way (log scale) from the ratio outside P to the ratio of E;
/// - otherwise **narrow** to a child C (E with one more condition) when the part C drops, E∖C, is normal by
///   the same measure and carries at most `narrowingTolerance` of E's change.
///
/// Each step changes the element's selection, and an element is never visited twice, so the walk ends.
struct RootCauseLocator {
    let lattice: RootCauseLattice
    let evidence: RootCauseEvidence
    let configuration: RootCauseConfiguration

    /// The element reached from `start` (a node index).
    func locate(from start: Int) -> Int {
        var current = lattice.nodes[start].canonical
        var visited: Set<Int> = [current]
        while let next = widened(current) ?? narrowed(current) {
            let canonical = lattice.nodes[next].canonical
            guard visited.insert(canonical).inserted else { break }
            current = canonical
        }
        return current
    }

    /// The parent whose added part is most abnormal, if that part is abnormal enough.
    private func widened(_ index: Int) -> Int? {
        let element = lattice.nodes[index]
        var best: (parent: Int, abnormality: Double)?
        for parentIndex in lattice.parents(of: index).lazy.map(Int.init) {
            let parent = lattice.nodes[parentIndex]
            guard parent.rowCount > element.rowCount else { continue }
            let abnormality = evidence.abnormality(
                of: (parent.observed - element.observed, parent.expected - element.expected),
                cause: (element.observed, element.expected),
                normal: (lattice.totalObserved - parent.observed, lattice.totalExpected - parent.expected)
            )
            if abnormality >= configuration.abnormalLevel, abnormality > best?.abnormality ?? -.infinity {
                best = (parentIndex, abnormality)
            }
        }
        return best?.parent
    }

    /// The child that keeps the most change while the part it drops is normal and carries little change.
    private func narrowed(_ index: Int) -> Int? {
        let element = lattice.nodes[index]
        let direction = evidence.direction
        let elementChange = direction * (element.observed - element.expected)
        var best: (child: Int, change: Double)?
        for childIndex in lattice.children(of: index).lazy.map(Int.init) {
            let child = lattice.nodes[childIndex]
            guard child.rowCount < element.rowCount else { continue }
            let dropped = (observed: element.observed - child.observed, expected: element.expected - child.expected)
            guard
                direction * (dropped.observed - dropped.expected)
                    <= configuration.narrowingTolerance * elementChange
            else { continue }
            let abnormality = evidence.abnormality(
                of: dropped,
                cause: (child.observed, child.expected),
                normal: (lattice.totalObserved - element.observed, lattice.totalExpected - element.expected)
            )
            let change = direction * (child.observed - child.expected)
            if abnormality < configuration.abnormalLevel, change > best?.change ?? -.infinity {
                best = (childIndex, change)
            }
        }
        return best?.child
    }
}
