import Shared

extension FactCollector {
    /// How many changes were flagged, and the 5 largest by |delta| with their spend before and after.
    func trends(_ question: ClassifiedQuestion, _ documents: [String: JSONValue]) throws(ChatDataError) -> ChatEvidence
    {
        let language = question.language
        let currency = try currency(documents)
        let document = try DocumentCursor.open("anomalies_trends", in: documents)
        var changes: [(cursor: DocumentCursor, delta: Money)] = []
        for change in try document.field("changes").elements() {
            let dimension = try change.field("dimension")
            if let member = question.member {
                guard !dimension.isNull, try dimension.string() == member.dimension,
                    try change.field("member").string() == member.value
                else { continue }
            }
            if !question.periods.isEmpty, !question.periods.contains(try change.field("period").string()) { continue }
            changes.append((change, try change.field("delta").money()))
        }
        var facts = [
            ChatFact(
                label: language.pick("flagged changes", "perubahan yang ditandai")
                    + qualifier(member: question.member, periods: question.periods, language),
                value: String(changes.count),
                kind: .count,
                document: "anomalies_trends",
                field: "changes"
            )
        ]
        // Stable: equal magnitudes keep the document's order.
        let largest = changes.enumerated()
            .sorted {
                $0.element.delta.minorUnits.magnitude != $1.element.delta.minorUnits.magnitude
                    ? $0.element.delta.minorUnits.magnitude > $1.element.delta.minorUnits.magnitude
                    : $0.offset < $1.offset
            }
            .prefix(5).map(\.element.cursor)
        for change in largest {
            let dimension = try change.field("dimension")
            let subject =
                dimension.isNull
                ? language.pick("the organisation", "organisasi")
                : ChatMember(dimension: try dimension.string(), value: try change.field("member").string())
                    .phrase(in: language)
            let period = try change.field("period").string()
            let base = try change.field("base_period").string()
            facts.append(
                try change.field("current")
                    .fact(
                        language.pick("\(subject), spend in \(period)", "\(subject), pengeluaran \(period)"),
                        .amount,
                        currency: currency
                    )
            )
            facts.append(
                try change.field("previous")
                    .fact(
                        language.pick("\(subject), spend in \(base)", "\(subject), pengeluaran \(base)"),
                        .amount,
                        currency: currency
                    )
            )
            facts.append(
                try change.field("delta")
                    .fact(
                        language.pick(
                            "\(subject), change \(base) → \(period)",
                            "\(subject), perubahan \(base) → \(period)"
                        ),
                        .amount,
                        currency: currency
                    )
            )
            let relative = try change.field("relative_change")
            if !relative.isNull {
                facts.append(
                    try relative.fact(
                        language.pick(
                            "\(subject), relative change \(base) → \(period)",
                            "\(subject), perubahan relatif \(base) → \(period)"
                        ),
                        .ratio
                    )
                )
            }
        }
        return try evidence(facts, chart: "chart_trend", documents)
    }

    /// The latest change, the largest steps of each variance bridge, the root-cause set and the best candidates.
    func rootCause(_ question: ClassifiedQuestion, _ documents: [String: JSONValue]) throws(ChatDataError)
        -> ChatEvidence
    {
        let language = question.language
        let currency = try currency(documents)
        guard documents["rca_latest"] != nil else {
            return ChatEvidence(facts: [
                ChatFact(
                    label: language.pick("root-cause analysis", "analisis akar masalah"),
                    value: language.pick(
                        "none in the latest run: there was no change to explain",
                        "tidak ada pada proses terakhir: tidak ada perubahan yang perlu dijelaskan"
                    ),
                    kind: .text,
                    document: "rca_latest",
                    field: ""
                )
            ])
        }
        let document = try DocumentCursor.open("rca_latest", in: documents)
        let from = try document.field("from").string()
        let to = try document.field("to").string()
        var facts = [
            try document.field("change")
                .fact(
                    language.pick(
                        "change in spend from \(from) to \(to)",
                        "perubahan pengeluaran dari \(from) ke \(to)"
                    ),
                    .amount,
                    currency: currency
                )
        ]
        let filter = try document.field("filter").pairs()
        if !filter.isEmpty {
            var conditions: [String] = []
            for (dimension, value) in filter { conditions.append("\(dimension)=\(try value.string())") }
            facts.append(
                ChatFact(
                    label: language.pick("slice analysed", "irisan yang dianalisis"),
                    value: conditions.joined(separator: ", "),
                    kind: .text,
                    document: "rca_latest",
                    field: "filter"
                )
            )
        }
        for bridge in try document.field("bridges").elements() {
            let dimension = try bridge.field("dimension").string()
            let steps = try bridge.field("steps").elements()
            var shown = Array(steps.prefix(3))
            if let member = question.member, member.dimension == dimension {
                for step in steps.dropFirst(3) {
                    if try step.field("member").string() == member.value { shown.append(step) }
                }
            }
            for step in shown {
                let subject = ChatMember(dimension: dimension, value: try step.field("member").string())
                    .phrase(in: language)
                facts.append(
                    try step.field("contribution")
                        .fact(
                            language.pick(
                                "contribution of \(subject) to the change",
                                "kontribusi \(subject) terhadap perubahan"
                            ),
                            .amount,
                            currency: currency
                        )
                )
            }
        }
        let rootCauseSet = try document.field("root_cause_set")
        if try !rootCauseSet.string().isEmpty {
            facts.append(try rootCauseSet.fact(language.pick("root-cause set", "himpunan akar masalah"), .text))
        }
        for candidate in try document.field("ranked").elements().prefix(3) {
            let element = try candidate.field("element").string()
            facts.append(
                try candidate.field("explained_share")
                    .fact(
                        language.pick(
                            "share of the change explained by \(element)",
                            "porsi perubahan yang dijelaskan oleh \(element)"
                        ),
                        .ratio
                    )
            )
        }
        return try evidence(facts, chart: "chart_rca_waterfall", documents)
    }
}
