import Shared

extension FactCollector {
    /// Lines, total spend, debits and credits, fiscal years, distinct counts, median and largest line, and the
    /// named member's spend.
    func summary(_ question: ClassifiedQuestion, _ documents: [String: JSONValue]) throws(ChatDataError) -> ChatEvidence
    {
        let language = question.language
        let eda = try DocumentCursor.open("eda_summary", in: documents)
        let currency = try eda.field("currency").string()
        var facts = try latestPeriod(try DocumentCursor.open("summary", in: documents), language)
        facts.append(try eda.field("lines").fact(language.pick("journal lines", "baris jurnal"), .count))
        facts.append(
            try eda.field("total_spend")
                .fact(language.pick("total spend", "total pengeluaran"), .amount, currency: currency)
        )
        facts.append(
            try eda.field(path: "debits.amount")
                .fact(language.pick("debits", "total debit"), .amount, currency: currency)
        )
        facts.append(try eda.field(path: "debits.lines").fact(language.pick("debit lines", "baris debit"), .count))
        facts.append(
            try eda.field(path: "credits.amount")
                .fact(language.pick("credits", "total kredit"), .amount, currency: currency)
        )
        facts.append(try eda.field(path: "credits.lines").fact(language.pick("credit lines", "baris kredit"), .count))
        var fiscalYears: [(year: Int64, cursor: DocumentCursor)] = []
        for entry in try eda.field("fiscal_years").elements() {
            fiscalYears.append((try entry.field("fiscal_year").integer(), entry))
        }
        let named = fiscalYears.filter { question.years.contains(Int($0.year)) }
        for (year, entry) in named.isEmpty ? fiscalYears : named {
            facts.append(
                try entry.field("amount")
                    .fact(
                        language.pick("spend in fiscal year \(year)", "pengeluaran tahun fiskal \(year)"),
                        .amount,
                        currency: currency
                    )
            )
            facts.append(
                try entry.field("lines")
                    .fact(
                        language.pick("lines in fiscal year \(year)", "baris pada tahun fiskal \(year)"),
                        .count
                    )
            )
        }
        for (dimension, count) in Self.ordered(try eda.field("distinct").pairs(), by: ChatMember.dimensionOrder) {
            let name = ChatMember.label(ofDimension: dimension, in: language)
            facts.append(try count.fact(language.pick("distinct values of \(name)", "jumlah \(name) berbeda"), .count))
        }
        let median = try eda.field(path: "amount_quantiles.median")
        if !median.isNull {
            facts.append(
                try median.fact(
                    language.pick("median line amount", "median nilai per baris"),
                    .amount,
                    currency: currency
                )
            )
        }
        let largest = try eda.field(path: "amount_quantiles.max")
        if !largest.isNull {
            facts.append(
                try largest.fact(
                    language.pick("largest line amount", "nilai baris terbesar"),
                    .amount,
                    currency: currency
                )
            )
        }
        if let member = question.member {
            let breakdown = try DocumentCursor.open("breakdown_\(member.dimension)", in: documents)
            for item in try breakdown.field("items").elements() {
                guard try item.field("value").string() == member.value else { continue }
                let subject = member.phrase(in: language)
                facts.append(
                    try item.field("amount")
                        .fact(
                            language.pick("spend of \(subject)", "pengeluaran \(subject)"),
                            .amount,
                            currency: currency
                        )
                )
                facts.append(
                    try item.field("lines").fact(language.pick("lines of \(subject)", "baris \(subject)"), .count)
                )
                facts.append(
                    try item.field("share")
                        .fact(
                            language.pick(
                                "share of \(subject) in total spend",
                                "porsi \(subject) dari total pengeluaran"
                            ),
                            .ratio
                        )
                )
            }
        }
        return try evidence(facts, chart: "chart_category_breakdown", documents)
    }

    /// Spend of two periods (or fiscal years), their exact difference and the relative change.
    func comparison(_ question: ClassifiedQuestion, _ documents: [String: JSONValue]) throws(ChatDataError)
        -> ChatEvidence
    {
        let language = question.language
        let currency = try currency(documents)
        let byYear = question.periods.isEmpty && question.years.count >= 2
        let name = byYear ? "timeseries_fiscal_year" : "timeseries_month_year"
        let points = try DocumentCursor.open(name, in: documents).field("points").elements()
        var labels: [String] = []
        for point in points { labels.append(try point.field("label").string()) }
        let selected: [String]
        if byYear {
            selected = Array(question.years.prefix(2).sorted().map(String.init))
        } else if question.periods.count >= 2 {
            selected = Array(question.periods.prefix(2)).sorted()
        } else if let period = question.periods.first {
            let index = labels.firstIndex(of: period)
            selected = index.map { $0 > 0 ? [labels[$0 - 1], period] : [period] } ?? [period]
        } else {
            selected = Array(labels.suffix(2))
        }
        var facts: [ChatFact] = []
        var found: [(label: String, index: Int, amount: Money)] = []
        for label in selected {
            guard let index = labels.firstIndex(of: label) else {
                facts.append(
                    ChatFact(
                        label: language.pick("spend in \(label)", "pengeluaran \(label)"),
                        value: language.pick("no data", "tidak ada data"),
                        kind: .text,
                        document: name,
                        field: "points"
                    )
                )
                continue
            }
            let point = points[index]
            facts.append(
                try point.field("amount")
                    .fact(language.pick("spend in \(label)", "pengeluaran \(label)"), .amount, currency: currency)
            )
            facts.append(
                try point.field("lines").fact(language.pick("lines in \(label)", "baris pada \(label)"), .count)
            )
            found.append((label, index, try point.field("amount").money()))
        }
        if found.count == 2 {
            let (earlier, later) = (found[0], found[1])
            let difference = later.amount - earlier.amount
            facts.append(
                ChatFact(
                    label: language.pick(
                        "difference \(later.label) − \(earlier.label)",
                        "selisih \(later.label) − \(earlier.label)"
                    ),
                    value: difference.description,
                    kind: .amount,
                    currency: currency,
                    document: name,
                    field: "points[\(later.index)].amount − points[\(earlier.index)].amount"
                )
            )
            if let tenths = Self.tenthsOfPercent(difference, of: earlier.amount) {
                facts.append(
                    ChatFact(
                        label: language.pick(
                            "relative change \(earlier.label) → \(later.label)",
                            "perubahan relatif \(earlier.label) → \(later.label)"
                        ),
                        value: ExactDecimal(
                            negative: tenths < 0,
                            digits: String(tenths.magnitude).utf8.map { $0 - 48 },
                            exponent: -1
                        )
                        .plainText(decimals: 1),
                        kind: .percent,
                        document: name,
                        field:
                            "(points[\(later.index)].amount − points[\(earlier.index)].amount) / |points[\(earlier.index)].amount|"
                    )
                )
            }
        }
        return try evidence(facts, chart: "chart_trend", documents)
    }

    /// `change / |base|` in tenths of a percent, rounded half away from zero on integers; nil for a zero base or
    /// an amount too large for the arithmetic.
    static func tenthsOfPercent(_ change: Money, of base: Money) -> Int64? {
        let (numerator, overflow) = change.minorUnits.multipliedReportingOverflow(by: 1000)
        guard base.minorUnits != 0, base.minorUnits != .min, !overflow else { return nil }
        let denominator = base.minorUnits.magnitude
        var quotient = Int64(numerator.magnitude / denominator)
        if (numerator.magnitude % denominator) * 2 >= denominator { quotient += 1 }
        return numerator < 0 ? -quotient : quotient
    }

    /// The headline figures: latest period, lines, total spend, findings.
    func general(_ question: ClassifiedQuestion, _ documents: [String: JSONValue]) throws(ChatDataError) -> ChatEvidence
    {
        let language = question.language
        let summary = try DocumentCursor.open("summary", in: documents)
        let currency = try summary.field("currency").string()
        var facts = try latestPeriod(summary, language)
        facts.append(try summary.field("lines").fact(language.pick("journal lines", "baris jurnal"), .count))
        facts.append(
            try summary.field("total_spend")
                .fact(language.pick("total spend", "total pengeluaran"), .amount, currency: currency)
        )
        facts.append(
            try summary.field("findings")
                .fact(language.pick("findings in the latest run", "temuan pada proses terakhir"), .count)
        )
        return ChatEvidence(facts: facts)
    }
}
