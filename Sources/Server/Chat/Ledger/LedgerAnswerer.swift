import Logging
import PostgresNIO
import Shared

/// Answers a ``LedgerQuestion`` with exact figures from the database (``LedgerFigures``), phrased by
/// ``LedgerAnswerComposer``.
struct LedgerAnswerer: Sendable {
    let figures: LedgerFigures
    let vocabulary: ChatVocabulary

    /// The answer to `question`, whose findings come from run `runID`.
    func answer(_ question: LedgerQuestion, runID: Int64) async throws -> ChatAnswer {
        let currency = vocabulary.currency
        let span = question.scopes.first
        let result: LedgerResult
        switch question.measure {
        case .total:
            let filter = LedgerFilter(currency: currency, members: question.members, first: span)
            let sums = try await figures.sums(filter)
            let series = try await figures.series(filter)
            result = .total(sums.first, series: series)
        case .change:
            let spans = Self.spans(question.scopes)
            let filter = LedgerFilter(currency: currency, members: question.members, first: spans.0, second: spans.1)
            let sums = try await figures.sums(filter)
            let series = try await figures.series(filter)
            result = .change(sums.first, sums.second, spans: spans, series: series)
        case .top(let count, let dimension, let ascending):
            let filter = LedgerFilter(currency: currency, members: question.members, first: span)
            let ranked = try await figures.ranking(filter, by: dimension, count: count, ascending: ascending)
            var names: [String: String] = [:]
            for entry in vocabulary.members(of: dimension) where entry.name != nil {
                names[entry.value] = entry.name
            }
            result = .top(ranked, dimension: dimension, names: names)
        case .share:
            let order = LedgerDimension.allCases
            let member = question.members.max {
                order.firstIndex(of: $0.dimension)! < order.firstIndex(of: $1.dimension)!
            }!
            var filter = LedgerFilter(
                currency: currency,
                members: question.members.filter { $0 != member },
                first: span
            )
            filter.part = DimensionValue(member.dimension, member.value)
            let share = try await figures.share(filter, part: member.dimension)
            result = .share(part: share.part, whole: share.whole, member: member)
        case .findings(let kind):
            let filter = LedgerFilter(currency: currency, members: question.members, first: span)
            let found = try await figures.findings(kind, run: runID, filter: filter)
            result = .findings(count: found.count, top: found.top)
        }
        return LedgerAnswerComposer(currency: currency).compose(question, result)
    }

    /// The two spans of a change, earlier first: the first two named, or the one named and the one before.
    static func spans(_ scopes: [PeriodScope]) -> (PeriodScope, PeriodScope) {
        guard scopes.count >= 2 else { return (scopes[0].previous, scopes[0]) }
        let (a, b) = (scopes[0], scopes[1])
        return (a.year, a.first) <= (b.year, b.first) ? (a, b) : (b, a)
    }
}
