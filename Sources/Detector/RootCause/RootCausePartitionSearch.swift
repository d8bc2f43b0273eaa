/// Further, independent causes of a change of a fundamental measure, found among the leaves that the scan's
/// elements leave uncovered: RiskLoc's weighted partition of the leaves and its risk score (Kalander, "RiskLoc:
/// Localization of Multi-dimensional Root Causes by Weighted Risk", 2022), with the ripple test weighted by
/// amounts.
///
/// 1. Each leaf's deviation is `2(e − o)/(e + o)` (0 for an empty leaf), negative values counted as zero.
///    Unchanged leaves scatter around 0 on both sides, the changed ones only on the side of their change, so the
///    quieter side shows how far noise reaches: the cut-off is the `(k+1)`-th most extreme distinct deviation
///    there (k = `extremeLeavesSkipped`), mirrored. Leaves beyond it on the other side are *abnormal*.
/// 2. An abnormal leaf weighs its deviation, a normal leaf its distance from the cut-off (each at most 1, an empty
///    normal leaf nothing): leaves close to the cut-off count little on either side.
/// 3. A leaf's explanatory power (EP) is its share of the total change, signed so that the abnormal leaves'
///    EP sums to a positive amount `A`.
/// 4. Repeatedly, one condition first, then two, …: in each cuboid the element with the largest EP above the
///    best so far (at least `minimumCauseShare`·A) that holds an abnormal leaf and whose risk reaches
///    `riskThreshold`. Risk = abnormal weight / (abnormal weight + normal weight + 1) − ripple residual, where the
///    ripple residual `Σ|e·O/E − o| / Σ|e − o|` (over the element's leaves with an expectation) is the part of
///    the element's change that one common factor does not explain. The first layer with such an element gives
///    the cause; its leaves are set aside. The search stops when the abnormal leaves left carry less than
///    `minimumCauseShare`·A or no element qualifies.
///
/// The causes found this way moved the same way (all rose or all fell). When the scan has already named a cause
/// that moved the other way, the abnormal side is not the change being explained (a broad fall with many small
/// new payments, say) and nothing is added.
struct RootCausePartitionSearch {
    let lattice: RootCauseLattice
    let configuration: RootCauseConfiguration

    /// Leaf statistics shared by every round.
    private struct Leaves {
        var observed: [Double]
        var expected: [Double]
        var abnormal: [Bool]
        var weight: [Double]
        var power: [Double]
        /// True when the abnormal leaves are those that fell.
        var fell: Bool
    }

    /// The causes (canonical node indices) in the order found, leaves of the nodes in `covered` set aside first.
    func causes(observed: [Double], expected: [Double], excluding covered: [Int]) -> [Int] {
        guard
            let leaves = Self.leaves(
                observed: observed,
                expected: expected,
                skipping: configuration.extremeLeavesSkipped
            )
        else { return [] }
        let coveredChange = covered.reduce(0) { $0 + lattice.nodes[$1].observed - lattice.nodes[$1].expected }
        guard !(coveredChange > 0 && leaves.fell), !(coveredChange < 0 && !leaves.fell) else { return [] }
        let abnormalPower = zip(leaves.power, leaves.abnormal).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
        let threshold = configuration.minimumCauseShare * abnormalPower
        guard threshold > 0 else { return [] }

        let members = lattice.cuboidNodes.indices.map {
            CuboidMembers(groups: lattice.rowGroups[$0], nodeCount: lattice.cuboidNodes[$0].count)
        }
        var alive = [Bool](repeating: true, count: observed.count)
        for node in covered { setAside(node, members: members, alive: &alive) }
        var found: [Int] = []
        while remainingPower(leaves, alive: alive) >= threshold,
            let node = nextCause(leaves, members: members, alive: alive, threshold: threshold)
        {
            setAside(node, members: members, alive: &alive)
            let canonical = lattice.nodes[node].canonical
            if !found.contains(canonical), !covered.contains(canonical) { found.append(canonical) }
        }
        return found
    }

    /// The leaf statistics, or nil for an empty table.
    private static func leaves(observed: [Double], expected: [Double], skipping: Int) -> Leaves? {
        guard !observed.isEmpty else { return nil }
        let o = observed.map { max($0, 0) }
        let e = expected.map { max($0, 0) }
        let deviation = zip(o, e).map { o, e in o + e > 0 ? 2 * (e - o) / (e + o) : 0 }
        let cut = cutoff(deviation, skipping: skipping)
        let abnormal = deviation.map { cut.sign == .plus ? $0 > cut : $0 < cut }
        let weight = deviation.indices.map { row in
            if abnormal[row] { return min(abs(deviation[row]), 1) }
            return o[row] == 0 && e[row] == 0 ? 0 : min(abs(cut - deviation[row]), 1)
        }
        let change = o.reduce(0, +) - e.reduce(0, +)
        var power = zip(o, e).map { o, e in change == 0 ? o - e : (o - e) / change }
        if zip(power, abnormal).reduce(0, { $0 + ($1.1 ? $1.0 : 0) }) < 0 { power = power.map { -$0 } }
        return Leaves(
            observed: o,
            expected: e,
            abnormal: abnormal,
            weight: weight,
            power: power,
            fell: cut.sign == .plus
        )
    }

    /// The mirrored `(skipping+1)`-th most extreme distinct deviation of the side with the smaller extremes. Its
    /// sign gives the side of the change: a positive cut-off (or +0) means abnormal leaves lie above it.
    static func cutoff(_ deviation: [Double], skipping: Int) -> Double {
        let distinct = Array(Set(deviation)).sorted()
        let skip = min(max(skipping, 0), distinct.count - 1)
        let low = distinct[skip]
        let high = distinct[distinct.count - 1 - skip]
        return -(abs(low) <= abs(high) ? low : high)
    }

    /// EP of the abnormal leaves not yet set aside.
    private func remainingPower(_ leaves: Leaves, alive: [Bool]) -> Double {
        leaves.power.indices.reduce(0) { $0 + (alive[$1] && leaves.abnormal[$1] ? leaves.power[$1] : 0) }
    }

    /// The node of the next cause, or nil when no element qualifies.
    private func nextCause(_ leaves: Leaves, members: [CuboidMembers], alive: [Bool], threshold: Double) -> Int? {
        var cuboid = 0
        while cuboid < lattice.cuboidNodes.count {
            let layer = lattice.nodes[lattice.cuboidNodes[cuboid][0]].dimensions.count
            var best: (node: Int, power: Double)?
            while cuboid < lattice.cuboidNodes.count,
                lattice.nodes[lattice.cuboidNodes[cuboid][0]].dimensions.count == layer
            {
                if let candidate = bestElement(
                    in: cuboid,
                    leaves,
                    members: members[cuboid],
                    alive: alive,
                    above: best?.power ?? threshold
                ) {
                    best = candidate
                }
                cuboid += 1
            }
            if let best { return best.node }
        }
        return nil
    }

    /// The element of `cuboid` with the largest EP above `floor` that holds an abnormal leaf and passes the risk
    /// threshold, over the leaves still in play.
    private func bestElement(
        in cuboid: Int,
        _ leaves: Leaves,
        members: CuboidMembers,
        alive: [Bool],
        above floor: Double
    ) -> (node: Int, power: Double)? {
        let groups = lattice.rowGroups[cuboid]
        var power = [Double](repeating: 0, count: members.nodeCount)
        var abnormalCount = [Int](repeating: 0, count: members.nodeCount)
        for row in groups.indices where alive[row] {
            power[Int(groups[row])] += leaves.power[row]
            if leaves.abnormal[row] { abnormalCount[Int(groups[row])] += 1 }
        }
        let candidates = power.indices.filter { abnormalCount[$0] > 0 && power[$0] > floor }
            .sorted { power[$0] > power[$1] || (power[$0] == power[$1] && $0 < $1) }
        for group in candidates
        where risk(members.rows(of: group).filter { alive[$0] }, leaves) >= configuration.riskThreshold {
            return (lattice.cuboidNodes[cuboid][group], power[group])
        }
        return nil
    }

    /// RiskLoc's high-risk score minus the ripple residual, over `rows`.
    private func risk(_ rows: [Int], _ leaves: Leaves) -> Double {
        var abnormalWeight = 0.0
        var normalWeight = 0.0
        var observed = 0.0
        var expected = 0.0
        for row in rows {
            if leaves.abnormal[row] { abnormalWeight += leaves.weight[row] } else { normalWeight += leaves.weight[row] }
            if leaves.expected[row] > 0 {
                observed += leaves.observed[row]
                expected += leaves.expected[row]
            }
        }
        let high = abnormalWeight / (abnormalWeight + normalWeight + 1)
        guard expected > 0 else { return high }
        let factor = observed / expected
        var unexplained = 0.0
        var change = 0.0
        for row in rows where leaves.expected[row] > 0 {
            unexplained += abs(leaves.expected[row] * factor - leaves.observed[row])
            change += abs(leaves.expected[row] - leaves.observed[row])
        }
        return high - (change > 0 ? unexplained / change : 0)
    }

    /// Sets the rows of `node` aside.
    private func setAside(_ node: Int, members: [CuboidMembers], alive: inout [Bool]) {
        let cuboid = lattice.cuboidOfNode[node]
        let group = Int(lattice.rowGroups[cuboid][lattice.nodes[node].representativeRow])
        for row in members[cuboid].rows(of: group) { alive[row] = false }
    }
}

/// The rows of each element of one cuboid, stored contiguously (rows grouped by element, ascending within one).
private struct CuboidMembers {
    /// Number of elements in the cuboid.
    let nodeCount: Int
    private let start: [Int]
    private let rows: [Int]

    /// The grouping of rows given by each row's element index.
    init(groups: [Int32], nodeCount: Int) {
        self.nodeCount = nodeCount
        var start = [Int](repeating: 0, count: nodeCount + 1)
        for group in groups { start[Int(group) + 1] += 1 }
        for index in 0..<nodeCount { start[index + 1] += start[index] }
        var next = start
        var rows = [Int](repeating: 0, count: groups.count)
        for (row, group) in groups.enumerated() {
            rows[next[Int(group)]] = row
            next[Int(group)] += 1
        }
        self.start = start
        self.rows = rows
    }

    /// The rows of element `group`.
    func rows(of group: Int) -> ArraySlice<Int> { rows[start[group]..<start[group + 1]] }
}
