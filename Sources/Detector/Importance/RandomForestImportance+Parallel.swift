import Foundation

extension RandomForestImportance {
    /// One task per core.
    static var defaultTaskCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `work` for every tree index in `0..<count`, spread over at most `tasks` child tasks that each take
    /// a contiguous run of trees, and returns the results in tree order.
    static func mapTrees(
        count: Int,
        tasks: Int,
        _ work: @escaping @Sendable (Int) -> TreeResult
    ) async -> [TreeResult] {
        let partCount = max(1, min(tasks, count))
        return await withTaskGroup(of: (Int, [TreeResult]).self) { group in
            for part in 0..<partCount {
                let trees = (count * part / partCount)..<(count * (part + 1) / partCount)
                group.addTask { (part, trees.map(work)) }
            }
            var parts = [[TreeResult]](repeating: [], count: partCount)
            for await (part, results) in group {
                parts[part] = results
            }
            return parts.flatMap { $0 }
        }
    }
}
