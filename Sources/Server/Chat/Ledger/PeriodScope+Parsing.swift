import Shared

extension PeriodScope {
    /// Words naming quarters, and their number: `q1`, `first`, `pertama`, `i`.
    static let quarterNumbers: [String: Int] = [
        "1": 1, "2": 2, "3": 3, "4": 4, "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
        "3rd": 3, "4th": 4, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4,
    ]
    /// Words for a quarter.
    static let quarterWords: Set<String> = ["quarter", "kuartal", "triwulan", "caturwulan"]
    /// Phrases meaning the latest period with lines.
    static let latestPhrases: [[String]] = [
        ["last", "month"], ["this", "month"], ["latest", "month"], ["latest", "period"], ["last", "period"],
        ["bulan", "terakhir"], ["bulan", "ini"], ["periode", "terakhir"],
    ]

    /// The spans `tokens` name, distinct: quarters first, then periods, years, months without a year and the
    /// latest period, each in the order written.
    ///
    /// Periods as ``IntentClassifier/periods(in:)`` reads them; a month name without a year is that month's
    /// latest period in `known`; quarters as `Q1 2024`, `2024 Q1`, `2024-Q1`, `first quarter of 2024`,
    /// `quarter 1 2024`, `kuartal pertama 2024`, `triwulan I tahun 2024`; years as `2024`, `FY2024`, `FY 2024`,
    /// `fiscal year 2024`, `tahun 2024`; "last month", "this month", "bulan terakhir" as the latest of `known`.
    static func scopes(in tokens: [QuestionToken], known: [FiscalPeriod]) -> [PeriodScope] {
        var scopes: [PeriodScope] = []
        func add(_ scope: PeriodScope) { if !scopes.contains(scope) { scopes.append(scope) } }
        func year(_ index: Int) -> Int? {
            guard index >= 0, index < tokens.count else { return nil }
            var text = Substring(tokens[index].text)
            if text.hasPrefix("fy") { text = text.dropFirst(2) }
            guard text.count == 4, text.allSatisfy(\.isASCII), let value = Int(text), (1900...2100).contains(value)
            else { return nil }
            return value
        }
        func word(_ index: Int) -> String? { index >= 0 && index < tokens.count ? tokens[index].text : nil }
        /// `q1` → 1.
        func quarterToken(_ index: Int) -> Int? {
            guard let text = word(index), text.count == 2, text.hasPrefix("q") else { return nil }
            return Int(text.dropFirst()).flatMap { (1...4).contains($0) ? $0 : nil }
        }
        /// The year after `index`, skipping `of`, `tahun`, `fy`, `fiscal year`.
        func yearAfter(_ index: Int) -> (year: Int, end: Int)? {
            var next = index + 1
            while let text = word(next), ["of", "tahun", "fy", "fiscal", "year", "in"].contains(text) { next += 1 }
            return year(next).map { ($0, next) }
        }
        var consumed = Set<Int>()
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            if let quarter = quarterToken(index) {
                if let (found, end) = yearAfter(index) {
                    add(PeriodScope(year: found, quarter: quarter))
                    consumed.formUnion(index...end)
                } else if let found = year(index - 1) {
                    add(PeriodScope(year: found, quarter: quarter))
                    consumed.formUnion((index - 1)...index)
                }
                continue
            }
            if let text = word(index), quarterWords.contains(text) {
                // "first quarter of 2024" / "quarter 1 2024" / "kuartal pertama 2024"
                if let quarter = word(index - 1).flatMap({ quarterNumbers[$0] }), let (found, end) = yearAfter(index) {
                    add(PeriodScope(year: found, quarter: quarter))
                    consumed.formUnion((index - 1)...end)
                } else if let quarter = word(index + 1).flatMap({ quarterNumbers[$0] }),
                    let (found, end) = yearAfter(index + 1)
                {
                    add(PeriodScope(year: found, quarter: quarter))
                    consumed.formUnion(index...end)
                }
            }
        }
        // Periods (`2024-03`, `March 2024`) from the tokens not read as quarters.
        let rest = tokens.indices.filter { !consumed.contains($0) }
        var periodTokens: [QuestionToken] = []
        var lastIndex = -2
        for position in rest {
            var token = tokens[position]
            if position != lastIndex + 1 { token.joiner = nil }
            periodTokens.append(token)
            lastIndex = position
        }
        let (periods, _) = IntentClassifier.periods(in: periodTokens)
        var fromPeriods: [PeriodScope] = periods.compactMap { FiscalPeriod($0).map(PeriodScope.init) }
        // Years on their own, not part of a period or quarter.
        let periodYears = Set(periods.compactMap { Int($0.prefix(4)) })
        for position in rest {
            guard let value = year(position), !periodYears.contains(value) else { continue }
            fromPeriods.append(PeriodScope(year: value))
        }
        // A month named without a year: its latest period with lines.
        for (position, token) in tokens.enumerated() where !consumed.contains(position) {
            guard let month = IntentClassifier.months[token.text],
                token.text.count >= 4 || token.original.first?.isUppercase == true,
                year(position + 1) == nil, position == 0 || year(position - 1) == nil,
                let period = known.last(where: { $0.period == month })
            else { continue }
            fromPeriods.append(PeriodScope(period))
        }
        for phrase in latestPhrases {
            let found = tokens.indices.contains { start in
                start + phrase.count <= tokens.count
                    && phrase.indices.allSatisfy { tokens[start + $0].text == phrase[$0] }
            }
            if found, let latest = known.last { fromPeriods.append(PeriodScope(latest)) }
        }
        for scope in fromPeriods { add(scope) }
        return scopes
    }
}
