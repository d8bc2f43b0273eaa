import Shared

/// How ledger answers name members, spans and exact ratios, in English and Indonesian.
enum LedgerPhrases {
    /// `Directorate of Finance`, `supplier Acme Ltd`, `cost centre 31090 (Treasury)`: the value alone when it
    /// already says what it is.
    static func member(_ entry: ChatVocabulary.Entry, _ language: ChatLanguage) -> String {
        let words = Set(NameMatching.words(entry.value))
        let says = ChatLanguage.allCases.compactMap {
            NameMatching.words(ChatMember.label(ofDimension: entry.dimension.rawValue, in: $0)).first
        }
        return says.contains(where: words.contains) ? entry.value : entry.phrase(in: language)
    }

    /// The member without its dimension's name, for a list of that dimension: `Acme Ltd`, `31090 (Treasury)`.
    static func bare(_ entry: ChatVocabulary.Entry) -> String {
        guard let name = entry.name, !name.isEmpty, name != entry.value else { return entry.value }
        return "\(entry.value) (\(name))"
    }

    /// The members joined: `supplier Acme Ltd in Directorate of Finance`; `the ledger` / `buku besar` for none.
    static func subject(_ members: [ChatVocabulary.Entry], _ language: ChatLanguage) -> String {
        guard !members.isEmpty else { return language.pick("the ledger", "buku besar") }
        let ordered = members.sorted {
            LedgerDimension.allCases.firstIndex(of: $0.dimension)! > LedgerDimension.allCases.firstIndex(
                of: $1.dimension
            )!
        }
        return ordered.map { member($0, language) }.joined(separator: language.pick(" in ", " di "))
    }

    /// `2024-03`, `quarter 2024-Q1 (2024-01 to 2024-03)`, `fiscal year 2024`, or every period.
    static func scope(_ scope: PeriodScope?, _ language: ChatLanguage) -> String {
        guard let scope else { return language.pick("all periods", "seluruh periode") }
        switch scope.kind {
        case .period:
            return scope.description
        case .quarter:
            let from = FiscalPeriod(year: scope.year, period: scope.first)
            let to = FiscalPeriod(year: scope.year, period: scope.last)
            return language.pick("quarter", "kuartal") + " \(scope) (\(from) " + language.pick("to", "s.d.") + " \(to))"
        case .year:
            return language.pick("fiscal year \(scope.year)", "tahun fiskal \(scope.year)")
        }
    }

    /// ` in 2024-03` / ` pada 2024-03`, empty for every period.
    static func inScope(_ scope: PeriodScope?, _ language: ChatLanguage) -> String {
        guard scope != nil else { return "" }
        return language.pick(" in ", " pada ") + Self.scope(scope, language)
    }

    /// `numerator × multiplier / denominator` rounded half away from zero to `decimals` places, as plain decimal text
    /// (PostgreSQL's `round(numerator::numeric / denominator, decimals)`); nil when `denominator` is 0.
    static func quotient(_ numerator: Int64, _ denominator: Int64, decimals: Int, times multiplier: Int64 = 1)
        -> String?
    {
        guard denominator != 0 else { return nil }
        var scale: Int128 = 1
        for _ in 0..<decimals { scale *= 10 }
        let (n, d) = ((Int128(numerator) * Int128(multiplier)).magnitude, Int128(denominator).magnitude)
        let q = (n * UInt128(scale) * 2 + d) / (2 * d)
        let negative = (numerator < 0) != (denominator < 0) && q != 0
        let digits = String(q)
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let whole = padded.dropLast(decimals)
        let fraction = padded.suffix(decimals)
        return (negative ? "-" : "") + whole + (decimals > 0 ? "." + fraction : "")
    }
}
