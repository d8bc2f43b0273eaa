import Foundation

extension IsolationForest {
    /// One task per core.
    static var defaultTaskCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Cuts `0..<count` into at most `tasks` contiguous ranges of nearly equal length, runs `work` on each in
    /// its own child task and returns the results in the ranges' order.
    static func mapParts<Part: Sendable>(
        count: Int,
        tasks: Int,
        _ work: @escaping @Sendable (Range<Int>) -> Part
    ) async -> [Part] {
        let partCount = max(1, min(tasks, count))
        return await withTaskGroup(of: (Int, Part).self) { group in
            for part in 0..<partCount {
                let range = (count * part / partCount)..<(count * (part + 1) / partCount)
                group.addTask { (part, work(range)) }
            }
            var results = [Part?](repeating: nil, count: partCount)
            for await (part, result) in group {
                results[part] = result
            }
            return results.map { $0! }
        }
    }
}
