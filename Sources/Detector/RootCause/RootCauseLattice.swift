/// Every element with 1…`maximumPairs` conditions that selects at least one leaf, with its observed and
/// expected totals and its links to parents (one condition fewer) and children (one more).
///
/// Elements are grouped into cuboids (the set of dimensions they constrain). A cuboid's rows are grouped from
/// the grouping of its prefix cuboid plus one dimension, so building costs one hash lookup per row and cuboid.
/// Elements that select exactly the same rows are told apart by `canonical`: the one with the fewest
/// conditions, then the one whose dimensions come first in the preference order, represents them all.
struct RootCauseLattice {
    /// One element.
    struct Node {
        /// The constrained dimensions (indices into the table), ascending.
        var dimensions: [Int]
        /// A row the element selects; its values in `dimensions` are the element's values.
        var representativeRow: Int
        /// Sum of the observed values of the selected rows.
        var observed: Double
        /// Sum of the expected values of the selected rows.
        var expected: Double
        /// Number of selected rows.
        var rowCount: Int
        /// The preferred element selecting exactly the same rows (the node itself when it is preferred).
        var canonical: Int
    }

    /// All elements; cuboids in preference order, elements of a cuboid in order of first row.
    private(set) var nodes: [Node] = []
    /// The elements with one condition fewer of each node (none for a one-condition element), one after the other:
    /// node `n`'s are `parentList[parentEnd[n - 1]..<parentEnd[n]]` (``parents(of:)``). Flat lists instead of an
    /// array per node: the lattice of a month's change at 20M lines has about a million nodes.
    private var parentList: [Int32] = []
    private var parentEnd: [Int32] = []
    /// The elements with one condition more of each node, ascending, one after the other (``children(of:)``).
    private var childList: [Int32] = []
    private var childEnd: [Int32] = []
    /// Node indices of each cuboid.
    private(set) var cuboidNodes: [[Int]] = []
    /// The cuboid of each node.
    private(set) var cuboidOfNode: [Int] = []
    /// Per cuboid, each row's group: row `r` belongs to node `cuboidNodes[c][Int(rowGroups[c][r])]`.
    private(set) var rowGroups: [[Int32]] = []
    /// Number of rows of the table.
    let rowCount: Int
    /// Sum of all observed values.
    let totalObserved: Double
    /// Sum of all expected values.
    let totalExpected: Double

    /// The lattice of `table` with `observations`, up to `maximumPairs` conditions per element.
    /// `preference` ranks dimensions for choosing among elements that select the same rows (lower first).
    init(table: RootCauseTable, observations: RootCauseObservations, maximumPairs: Int, preference: [Int]) {
        rowCount = table.rowCount
        totalObserved = observations.observed.reduce(0, +)
        totalExpected = observations.expected.reduce(0, +)

        var cuboidIndex: [[Int]: Int] = [:]
        var canonicalBySelection: [RowSelection: Int] = [:]
        let cuboids = Self.cuboids(
            dimensionCount: table.dimensions.count,
            maximumSize: maximumPairs,
            preference: preference
        )
        for (index, dimensions) in cuboids.enumerated() {
            cuboidIndex[dimensions] = index
            let last = dimensions[dimensions.count - 1]
            let grouping = Self.group(
                dimensions: dimensions,
                prefixGroups: dimensions.count == 1 ? nil : rowGroups[cuboidIndex[Array(dimensions.dropLast())]!],
                codes: table.codes[last],
                radix: table.dictionaries[last].count,
                observations: observations
            )

            var indices: [Int] = []
            // The parent cuboids, one per dimension removed, in `dimensions` order.
            let parentCuboids =
                dimensions.count > 1
                ? dimensions.map { removed in cuboidIndex[dimensions.filter { $0 != removed }]! } : []
            for (group, var node) in grouping.nodes.enumerated() {
                let nodeIndex = nodes.count
                for parentCuboid in parentCuboids {
                    parentList.append(
                        Int32(cuboidNodes[parentCuboid][Int(rowGroups[parentCuboid][node.representativeRow])])
                    )
                }
                parentEnd.append(Int32(parentList.count))
                node.canonical = canonicalBySelection[grouping.selections[group], default: nodeIndex]
                canonicalBySelection[grouping.selections[group]] = node.canonical
                nodes.append(node)
                cuboidOfNode.append(index)
                indices.append(nodeIndex)
            }
            rowGroups.append(grouping.rowGroups)
            cuboidNodes.append(indices)
        }
        // Children lists in child order, as appending each child to its parents' lists in node order gives them.
        var childCount = [Int32](repeating: 0, count: nodes.count)
        for parent in parentList { childCount[Int(parent)] += 1 }
        var end: Int32 = 0
        childEnd = childCount.map { count in
            end += count
            return end
        }
        var next = childEnd.indices.map { $0 == 0 ? 0 : childEnd[$0 - 1] }
        childList = [Int32](repeating: 0, count: parentList.count)
        for child in nodes.indices {
            for parent in parents(of: child) {
                childList[Int(next[Int(parent)])] = Int32(child)
                next[Int(parent)] += 1
            }
        }
    }

    /// The elements with one condition fewer than `node` (none for a one-condition element), in the order of the
    /// dimension each one drops.
    func parents(of node: Int) -> ArraySlice<Int32> {
        parentList[(node == 0 ? 0 : Int(parentEnd[node - 1]))..<Int(parentEnd[node])]
    }

    /// The elements with one condition more than `node`, ascending.
    func children(of node: Int) -> ArraySlice<Int32> {
        childList[(node == 0 ? 0 : Int(childEnd[node - 1]))..<Int(childEnd[node])]
    }

    /// Groups the rows of one cuboid: a row's group is given by its group in the prefix cuboid (all dimensions
    /// but the last) and its code in the last dimension. Returns each row's group, and per group a node with
    /// the totals (canonical not yet set) and the fingerprint of its rows.
    private static func group(
        dimensions: [Int],
        prefixGroups: [Int32]?,
        codes: [Int32],
        radix: Int,
        observations: RootCauseObservations
    ) -> (rowGroups: [Int32], nodes: [Node], selections: [RowSelection]) {
        var groupOfKey: [Int: Int32] = [:]
        var rowGroups = [Int32](repeating: 0, count: codes.count)
        var nodes: [Node] = []
        var selections: [RowSelection] = []
        for row in codes.indices {
            let key = Int(prefixGroups?[row] ?? 0) * radix + Int(codes[row])
            let group: Int32
            if let known = groupOfKey[key] {
                group = known
            } else {
                group = Int32(nodes.count)
                groupOfKey[key] = group
                nodes.append(
                    Node(
                        dimensions: dimensions,
                        representativeRow: row,
                        observed: 0,
                        expected: 0,
                        rowCount: 0,
                        canonical: 0
                    )
                )
                selections.append(RowSelection())
            }
            rowGroups[row] = group
            nodes[Int(group)].observed += observations.observed[row]
            nodes[Int(group)].expected += observations.expected[row]
            nodes[Int(group)].rowCount += 1
            selections[Int(group)].add(row: row)
        }
        return (rowGroups, nodes, selections)
    }

    /// The dimension subsets of 1…`maximumSize` dimensions, each ascending, ordered by size and then by the
    /// preference ranks of their dimensions (lexicographically, most preferred first).
    private static func cuboids(dimensionCount: Int, maximumSize: Int, preference: [Int]) -> [[Int]] {
        var all: [[Int]] = []
        func extend(_ subset: [Int], from next: Int) {
            if !subset.isEmpty { all.append(subset) }
            guard subset.count < maximumSize else { return }
            for dimension in next..<dimensionCount { extend(subset + [dimension], from: dimension + 1) }
        }
        extend([], from: 0)
        return all.sorted { lhs, rhs in
            if lhs.count != rhs.count { return lhs.count < rhs.count }
            let left = lhs.map { preference[$0] }.sorted()
            let right = rhs.map { preference[$0] }.sorted()
            return left.lexicographicallyPrecedes(right)
        }
    }
}

/// A fingerprint of a set of rows: its size and a sum of well-mixed row hashes, equal for equal sets and,
/// with overwhelming probability, different for different ones.
private struct RowSelection: Hashable {
    private var count = 0
    private var mixedSum: UInt64 = 0

    /// Adds one row to the set.
    mutating func add(row: Int) {
        count += 1
        var value = UInt64(truncatingIfNeeded: row) &+ 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        mixedSum &+= value ^ (value >> 31)
    }
}
