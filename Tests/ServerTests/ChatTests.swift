import Shared
import Testing

@testable import Server

@Suite("Chat: intents, facts from the documents, deterministic answers")
struct ChatTests {
    func ask(_ question: String, _ documents: [String: JSONValue]? = nil) throws -> ChatAnswer {
        try ChatAssistant().answer(question, documents: documents ?? ChatFixture.documents())
    }

    func fact(_ answer: ChatAnswer, _ label: String) throws -> ChatFact {
        try #require(answer.facts.first { $0.label == label }, "no fact \"\(label)\" in \(answer.facts.map(\.label))")
    }

    @Test("anomaly: counts by severity and kind, the top findings with explanation and delta")
    func anomaly() throws {
        let english = try ask("How many anomalies were found?")
        #expect(english.intent == .anomaly)
        #expect(english.language == .english)
        #expect(try fact(english, "findings in the latest run").value == "42")
        #expect(try fact(english, "findings in the latest run").citation == "summary.findings")
        #expect(try fact(english, "critical findings").value == "2")
        #expect(try fact(english, "findings of kind duplicate payment").value == "3")
        let delta = try fact(english, "finding 1, actual minus expected")
        #expect(delta.value == "1160000.00")
        #expect(delta.citation == "summary.top_findings[0].delta")
        #expect(english.text.contains("- Findings in the latest run: 42"))
        #expect(
            english.text.contains(
                "- Critical findings: 2\n- High findings: 5\n- Medium findings: 11\n- Low findings: 17\n- Info findings: 7"
            )
        )
        #expect(
            english.text.contains(
                "- Finding 1 (critical, month-over-month change, 2024-07, cost_center=31090): Cost centre 31090 spent"
            )
        )
        #expect(english.text.contains("- Finding 1, actual minus expected: GBP 1,160,000.00"))
        #expect(english.text.contains("- Finding 3, actual minus expected: GBP -20,500.75"))
        #expect(!english.text.contains("Finding 4"))

        let indonesian = try ask("Berapa banyak anomali yang ditemukan bulan ini?")
        #expect(indonesian.intent == .anomaly)
        #expect(indonesian.language == .indonesian)
        #expect(indonesian.text.contains("- Temuan pada proses terakhir: 42"))
        #expect(indonesian.text.contains("- Temuan kritis: 2"))
        #expect(indonesian.text.contains("GBP 1.160.000,00"))
    }

    @Test("objects read back from jsonb, keys reordered, are answered in a stable order")
    func jsonbKeyOrder() throws {
        let reordered = try JSONValue(parsing: #"{"low": 17, "high": 5, "info": 7, "medium": 11, "critical": 2}"#)
        let documents = try ChatFixture.documents(replacing: "findings_by_severity", in: "summary", with: reordered)
        let answer = try ask("How many anomalies were found?", documents)
        #expect(answer.text == (try ask("How many anomalies were found?")).text)
    }

    @Test("anomaly narrowed to a member and a period named in the question")
    func anomalyForMember() throws {
        let answer = try ask("Any unusual findings for cost centre 31090 in July 2024?")
        #expect(answer.intent == .anomaly)
        #expect(try fact(answer, "top findings for cost centre 31090 in 2024-07").value == "2")
        #expect(
            answer.text.contains(
                "Finding 2 (medium, statistical outlier, 2024-07, directorate=Adults/cost_center=31090)"
            )
        )
    }

    @Test("anomaly from findings rows instead of the summary's top findings")
    func anomalyFromFindingsRows() throws {
        let question = IntentClassifier().classify("show the anomalies")
        let row = ChatFinding(
            fingerprint: "f00d",
            kind: "weekend_posting",
            severity: "low",
            period: "2024-07",
            dimensionPath: "",
            delta: "-15.50",
            explanation: "Postings on 2 weekend days."
        )
        let evidence = try FactCollector().collect(for: question, documents: ChatFixture.documents(), findings: [row])
        let delta = try #require(evidence.facts.first { $0.label == "finding 1, actual minus expected" })
        #expect(delta.value == "-15.50")
        #expect(delta.citation == "findings.fingerprint=f00d.delta")
        #expect(evidence.facts.contains { $0.label == "finding 1 (low, weekend postings, 2024-07)" })
    }

    @Test("outlier: flagged line counts of both methods and their top lines")
    func outlier() throws {
        let english = try ask("Which journal lines are outliers?")
        #expect(english.intent == .outlier)
        #expect(try fact(english, "lines flagged by the statistical pass").value == "27")
        #expect(try fact(english, "lines flagged by Isolation Forest").value == "15")
        #expect(
            english.text.contains(
                "- Statistical outlier 1 (batch 3, line 1044, 2024-07, GL 5100, cost centre 31090, supplier Acme Ltd): GBP 25,000.00"
            )
        )
        #expect(english.text.contains("- Statistical outlier 1 score: 9.812"))
        #expect(
            english.text.contains(
                "- Isolation Forest outlier 2 (batch 2, line 500, 2024-06, GL 5400, cost centre 20010, supplier Delta): GBP 125,000.00"
            )
        )
        #expect(english.chartName == "chart_anomaly_scatter")

        let indonesian = try ask("Tolong tampilkan pencilan pada baris jurnal")
        #expect(indonesian.intent == .outlier)
        #expect(indonesian.language == .indonesian)
        #expect(indonesian.text.contains("- Baris yang ditandai oleh uji statistik: 27"))
        #expect(indonesian.text.contains("GBP 25.000,00"))
        #expect(indonesian.text.contains("- Skor pencilan statistik 1: 9,812"))
    }

    @Test("trend: flagged changes, largest |delta| first, with relative change")
    func trend() throws {
        let english = try ask("What is the trend in spend?")
        #expect(english.intent == .trend)
        #expect(try fact(english, "flagged changes").value == "5")
        #expect(english.text.contains("- The organisation, change 2024-06 → 2024-07: GBP 1,200,000.55"))
        #expect(english.text.contains("- The organisation, relative change 2024-06 → 2024-07: 63.2 %"))
        #expect(english.text.contains("- Supplier Gamma plc, relative change 2024-05 → 2024-06: -100.0 %"))
        let labels = english.facts.map(\.label).filter { $0.contains(", change ") }
        #expect(
            labels == [
                "the organisation, change 2024-06 → 2024-07", "cost centre 31090, change 2024-06 → 2024-07",
                "supplier Gamma plc, change 2024-05 → 2024-06", "GL account 5100, change 2024-04 → 2024-05",
                "supplier New Co, change 2024-06 → 2024-07",
            ]
        )
        #expect(english.chartName == "chart_trend")

        let indonesian = try ask("Bagaimana tren kenaikan pengeluaran pada Mei 2024?")
        #expect(indonesian.intent == .trend)
        #expect(indonesian.text.contains("- Perubahan yang ditandai pada 2024-05: 1"))
        #expect(indonesian.text.contains("- Akun GL 5100, perubahan 2024-04 → 2024-05: GBP 7.300,10"))
        #expect(indonesian.text.contains("57,0 %"))
    }

    @Test("rca: the change, the bridges' largest steps, the root-cause set")
    func rootCause() throws {
        let english = try ask("Why did spend increase in July 2024?")
        #expect(english.intent == .rca)
        #expect(try fact(english, "change in spend from 2024-06 to 2024-07").value == "1200000.55")
        #expect(english.text.contains("- Contribution of directorate Adults to the change: GBP 1,150,000.00"))
        #expect(english.text.contains("- Contribution of supplier Beta Services to the change: GBP 300,000.00"))
        #expect(english.text.contains("- Contribution of supplier Delta to the change: GBP 50,000.55"))
        #expect(!english.text.contains("Gamma plc"))
        #expect(english.text.contains("- Root-cause set: cost_center=31090&supplier=Acme Ltd"))
        #expect(english.text.contains("- Share of the change explained by cost_center=31090&supplier=Acme Ltd: 75.0 %"))
        #expect(english.chartName == "chart_rca_waterfall")

        let indonesian = try ask("Apa akar masalah kenaikan biaya bulan Juli 2024?")
        #expect(indonesian.intent == .rca)
        #expect(indonesian.text.contains("- Perubahan pengeluaran dari 2024-06 ke 2024-07: GBP 1.200.000,55"))
        #expect(indonesian.text.contains("- Kontribusi pemasok Acme Ltd terhadap perubahan: GBP 900.000,00"))
    }

    @Test("rca without rca_latest says there was nothing to explain")
    func rootCauseAbsent() throws {
        var documents = try ChatFixture.documents()
        documents["rca_latest"] = nil
        let answer = try ask("what is the root cause?", documents)
        #expect(answer.facts.map(\.value) == ["none in the latest run: there was no change to explain"])
    }

    @Test("summary: totals, lines, fiscal years, distinct counts")
    func summary() throws {
        let english = try ask("Give me a summary of total spend")
        #expect(english.intent == .summary)
        #expect(english.text.contains("- Journal lines: 48,213"))
        #expect(english.text.contains("- Total spend: GBP 12,345,678.90"))
        #expect(english.text.contains("- Credits: GBP -154,321.10"))
        #expect(english.text.contains("- Spend in fiscal year 2023: GBP 5,000,000.00"))
        #expect(english.text.contains("- Distinct values of supplier: 905"))
        #expect(try fact(english, "total spend").citation == "eda_summary.total_spend")

        let indonesian = try ask("Berapa total pengeluaran tahun 2024?")
        #expect(indonesian.intent == .summary)
        #expect(indonesian.text.contains("- Total pengeluaran: GBP 12.345.678,90"))
        #expect(indonesian.text.contains("- Pengeluaran tahun fiskal 2024: GBP 7.345.678,90"))
        #expect(!indonesian.text.contains("2023"))
    }

    @Test("summary of a member named in the question")
    func summaryOfMember() throws {
        let answer = try ask("How much did cost centre 31090 spend?")
        #expect(answer.intent == .summary)
        #expect(answer.text.contains("- Spend of cost centre 31090: GBP 3,100,000.00"))
        #expect(answer.text.contains("- Share of cost centre 31090 in total spend: 25.1 %"))
        let short = IntentClassifier()
            .classify("What did IT spend?", knownMembers: ChatMember.known(in: try ChatFixture.documents()))
        #expect(short.member == ChatMember(dimension: "directorate", value: "IT"))
        let lower = IntentClassifier()
            .classify("what did it spend?", knownMembers: ChatMember.known(in: try ChatFixture.documents()))
        #expect(lower.member == nil)
    }

    @Test("comparison: two periods and their exact difference")
    func comparison() throws {
        let english = try ask("Compare 2024-05 vs 2024-04")
        #expect(english.intent == .comparison)
        let difference = try fact(english, "difference 2024-05 − 2024-04")
        #expect(difference.value == "234567.89")
        #expect(difference.citation == "timeseries_month_year.points[2].amount − points[1].amount")
        #expect(try fact(english, "relative change 2024-04 → 2024-05").value == "23.5")
        #expect(
            english.text.contains(
                "- Spend in 2024-04: GBP 1,000,000.00\n- Lines in 2024-04: 4,000\n- Spend in 2024-05: GBP 1,234,567.89"
            )
        )

        let indonesian = try ask("Bandingkan pengeluaran Mei 2024 dibandingkan April 2024")
        #expect(indonesian.intent == .comparison)
        #expect(indonesian.text.contains("- Selisih 2024-05 − 2024-04: GBP 234.567,89"))
        #expect(indonesian.text.contains("- Perubahan relatif 2024-04 → 2024-05: 23,5 %"))

        let latest = try ask("compare the last two months")
        #expect(try fact(latest, "difference 2024-07 − 2024-06").value == "1200000.55")
        #expect(try fact(latest, "relative change 2024-06 → 2024-07").value == "63.2")

        let years = try ask("compare 2023 and 2024")
        #expect(try fact(years, "difference 2024 − 2023").value == "2345678.90")
        #expect(try fact(years, "difference 2024 − 2023").document == "timeseries_fiscal_year")

        let missing = try ask("compare 2023-01 with 2024-07")
        #expect(try fact(missing, "spend in 2023-01").value == "no data")
        #expect(!missing.facts.contains { $0.label.hasPrefix("difference") })
    }

    @Test("visualization: the chart that fits, attached as the Plotly figure")
    func visualization() throws {
        let documents = try ChatFixture.documents()
        let english = try ask("Show me a chart of the monthly trend")
        #expect(english.intent == .visualization)
        #expect(english.chartName == "chart_trend")
        #expect(english.chart == documents["chart_trend"]?["figure"])
        #expect(english.text.contains("- Chart title: Monthly spend"))

        let indonesian = try ask("Tolong tampilkan grafik pengeluaran per direktorat")
        #expect(indonesian.intent == .visualization)
        #expect(indonesian.language == .indonesian)
        #expect(indonesian.chartName == "chart_category_breakdown")
        #expect(try ask("plot a heatmap of cost centres").chartName == "chart_heatmap")
        #expect(try ask("graph the root cause of the change").chartName == "chart_rca_waterfall")
        #expect(try ask("chart the outliers").chartName == "chart_anomaly_scatter")
    }

    @Test("general: what the chat does and the headline figures")
    func general() throws {
        let english = try ask("Hello, what can you do?")
        #expect(english.intent == .general)
        #expect(english.text.contains("- Total spend: GBP 12,345,678.90"))
        #expect(english.text.contains("- Findings in the latest run: 42"))
        let indonesian = try ask("Halo, apa yang bisa kamu lakukan?")
        #expect(indonesian.intent == .general)
        #expect(indonesian.language == .indonesian)
        #expect(indonesian.text.contains("- Total pengeluaran: GBP 12.345.678,90"))
    }

    @Test("a missing field or document fails loudly, naming it")
    func missingData() throws {
        let noSeverity = try ChatFixture.documents(removing: "findings_by_severity", from: "summary")
        #expect(throws: ChatDataError.missingField(document: "summary", field: "findings_by_severity")) {
            try ask("How many anomalies?", noSeverity)
        }
        let renamed = try ChatFixture.documents(replacing: "findings", in: "summary", with: .string("42"))
        #expect(throws: ChatDataError.unexpectedValue(document: "summary", field: "findings", expected: "integer")) {
            try ask("How many anomalies?", renamed)
        }
        let noDebits = try ChatFixture.documents(removing: "debits", from: "eda_summary")
        #expect(throws: ChatDataError.missingField(document: "eda_summary", field: "debits")) {
            try ask("summary please", noDebits)
        }
        var noTrends = try ChatFixture.documents()
        noTrends["anomalies_trends"] = nil
        #expect(throws: ChatDataError.missingDocument("anomalies_trends")) { try ask("trend?", noTrends) }
        #expect(
            ChatDataError.missingField(document: "summary", field: "top_findings[0].delta").description
                == #"document "summary" has no field "top_findings[0].delta""#
        )
    }

    @Test("classification: tie-breaking and entities")
    func classification() {
        let classifier = IntentClassifier()
        let why = classifier.classify("Kenapa pengeluaran naik?")
        #expect(why.scores[.rca] == 2 && why.scores[.trend] == 2)
        #expect(why.intent == .rca)
        #expect(classifier.classify("tampilkan grafik tren").intent == .visualization)
        #expect(classifier.classify("spend in 2024-04 and 2024-05").intent == .comparison)
        #expect(classifier.classify("blah").intent == .general)
        let entities = classifier.classify("Mei 2024, 2024/06, 07/2024, fiscal year 2023 and May, 2024")
        #expect(entities.periods == ["2024-05", "2024-06", "2024-07"])
        #expect(entities.years == [2023])
        #expect(ChatLanguage.detect(in: "what is the total") == .english)
        #expect(ChatLanguage.detect(in: "berapa totalnya") == .indonesian)
        #expect(ChatLanguage.detect(in: "42") == .english)
    }

    @Test("room title from the first question")
    func roomTitle() {
        #expect(
            RoomTitle.make(from: "  what were the biggest anomalies in May 2024?  ")
                == "What were the biggest anomalies in May 2024"
        )
        #expect(RoomTitle.make(from: "kenapa biaya naik???") == "Kenapa biaya naik")
        let long = "why did the spend of cost centre 31090 rise so sharply between June and July of this year"
        #expect(RoomTitle.make(from: long) == "Why did the spend of cost centre 31090 rise so sharply")
        #expect(RoomTitle.make(from: String(repeating: "x", count: 80)).count == 60)
        #expect(RoomTitle.make(from: " ?! ") == RoomTitle.untitled)
        #expect(RoomTitle.make(from: "Spend\n\nby  supplier.") == "Spend by supplier")
    }
}
