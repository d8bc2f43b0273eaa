import Shared

/// The Explore screen's answer, computed without I/O from per-member totals: the bridge from `from`'s total
/// to `to`'s by the next level's members, and root causes ranked across every level still open.
///
/// A root cause is one member of one open dimension; its contribution is its own change, and its explained
/// share is contribution ÷ total change (> 0 when it moved the same way as the total). Candidates are
/// ranked by explained share, largest first (ties: larger |contribution|, then dimension order, then name).
struct ExploreBridge: Sendable {
    /// One member's totals in the two periods.
    struct Member: Sendable, Equatable {
        var dimension: LedgerDimension
        var member: String
        var from: Money
        var to: Money
        var linesFrom: Int64
        var linesTo: Int64

        var contribution: Money { to - from }
    }

    /// Steps shown individually; the rest are summed into "other".
    static let shownSteps = 30
    /// Root causes listed.
    static let shownRootCauses = 10

    var filter: ExploreFilter
    /// Totals per member of every open level (each level's members sum to the filtered total).
    var members: [Member]
    /// The filtered totals when no level is open (bottom of the hierarchy).
    var totals: (from: Money, to: Money, linesFrom: Int64, linesTo: Int64)

    /// The document: periods, filter, level, totals, steps, other, root causes.
    func json(currency: String) -> JSONValue {
        let level = filter.nextLevel
        let steps = members.filter { $0.dimension == level }.sorted(by: Self.byContribution)
        let change = totals.to - totals.from
        let shown = steps.prefix(Self.shownSteps)
        let rest = steps.dropFirst(Self.shownSteps)
        var pairs: [(String, JSONValue)] = [
            ("schema", .string("finrca.explore/1")), ("from", .string(filter.from.description)),
            ("to", .string(filter.to.description)),
            ("currency", .string(currency)),
            ("filter", .object(filter.members.map { ($0.dimension.rawValue, .string($0.value)) })),
            ("level", level.map { .string($0.rawValue) } ?? .null),
            ("start", .decimal(totals.from)), ("end", .decimal(totals.to)), ("change", .decimal(change)),
            ("lines_from", .int(totals.linesFrom)), ("lines_to", .int(totals.linesTo)),
        ]
        pairs.append(
            (
                "steps",
                .array(
                    shown.map { step in
                        .object([
                            ("member", .string(step.member)), ("from", .decimal(step.from)), ("to", .decimal(step.to)),
                            ("contribution", .decimal(step.contribution)), ("lines_from", .int(step.linesFrom)),
                            ("lines_to", .int(step.linesTo)),
                        ])
                    }
                )
            )
        )
        pairs.append(
            (
                "other",
                .object([
                    ("members", .int(Int64(rest.count))),
                    ("contribution", .decimal(rest.reduce(Money.zero) { $0 + $1.contribution })),
                ])
            )
        )
        pairs.append(
            (
                "root_causes",
                .array(
                    rootCauses(change: change)
                        .map { candidate in
                            .object([
                                ("dimension", .string(candidate.member.dimension.rawValue)),
                                ("member", .string(candidate.member.member)),
                                ("from", .decimal(candidate.member.from)), ("to", .decimal(candidate.member.to)),
                                ("contribution", .decimal(candidate.member.contribution)),
                                ("explained_share", .double((candidate.share * 10_000).rounded() / 10_000)),
                            ])
                        }
                )
            )
        )
        return .object(pairs)
    }

    /// Members that moved with the total, ranked by explained share.
    func rootCauses(change: Money) -> [(member: Member, share: Double)] {
        guard change != .zero else { return [] }
        let order = Dictionary(uniqueKeysWithValues: ExploreFilter.levels.enumerated().map { ($1, $0) })
        return
            members.compactMap { member -> (Member, Double)? in
                let share = Double(member.contribution.minorUnits) / Double(change.minorUnits)
                return share > 0 ? (member, share) : nil
            }
            .sorted { lhs, rhs in
                if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
                if lhs.0.contribution.minorUnits.magnitude != rhs.0.contribution.minorUnits.magnitude {
                    return lhs.0.contribution.minorUnits.magnitude > rhs.0.contribution.minorUnits.magnitude
                }
                if lhs.0.dimension != rhs.0.dimension {
                    return order[lhs.0.dimension, default: 9] < order[rhs.0.dimension, default: 9]
                }
                return lhs.0.member < rhs.0.member
            }
            .prefix(Self.shownRootCauses).map { ($0.0, $0.1) }
    }

    /// Largest |contribution| first, then by name.
    static func byContribution(_ lhs: Member, _ rhs: Member) -> Bool {
        let left = lhs.contribution.minorUnits.magnitude
        let right = rhs.contribution.minorUnits.magnitude
        return left != right ? left > right : lhs.member < rhs.member
    }
}
