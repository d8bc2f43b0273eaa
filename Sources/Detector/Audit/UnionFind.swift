/// Disjoint sets over 0..<count with path halving.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) {
        parent = Array(0..<count)
    }

    mutating func root(of element: Int) -> Int {
        var element = element
        while parent[element] != element {
            parent[element] = parent[parent[element]]
            element = parent[element]
        }
        return element
    }

    mutating func union(_ first: Int, _ second: Int) {
        let (firstRoot, secondRoot) = (root(of: first), root(of: second))
        if firstRoot != secondRoot { parent[max(firstRoot, secondRoot)] = min(firstRoot, secondRoot) }
    }

    /// The sets with at least `minimumSize` elements, each in ascending order, ordered by their first element.
    mutating func sets(minimumSize: Int) -> [[Int]] {
        var members: [Int: [Int]] = [:]
        for element in parent.indices { members[root(of: element), default: []].append(element) }
        return members.values.filter { $0.count >= minimumSize }.sorted { $0[0] < $1[0] }
    }
}
