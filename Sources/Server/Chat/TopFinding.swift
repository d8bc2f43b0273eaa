/// A finding among the top ones, from `summary.top_findings` or a `findings` row, with its explanation and delta
/// as facts citing where they came from (labels are set once the finding's rank is known).
struct TopFinding: Sendable {
    /// info, low, medium, high or critical.
    var severity: String
    /// The finding kind, such as `mom_change`.
    var kind: String
    /// `YYYY-PP`, if the finding has a period.
    var period: String?
    /// `directorate=Adults/cost_center=31090`; empty for the whole organisation.
    var dimensionPath: String
    /// The explanation sentence.
    var explanation: ChatFact
    /// Actual minus expected, when both are known.
    var delta: ChatFact?

    /// Whether the finding concerns `member` (one of its path's conditions) and one of `periods` (any when empty).
    func concerns(_ member: ChatMember?, periods: [String]) -> Bool {
        if let member, !dimensionPath.split(separator: "/").contains(Substring("\(member.dimension)=\(member.value)")) {
            return false
        }
        return periods.isEmpty || period.map { periods.contains($0) } == true
    }
}
