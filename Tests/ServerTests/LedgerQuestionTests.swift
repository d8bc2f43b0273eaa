import Shared
import Testing

@testable import Server

/// Reading ledger questions against a hand-made vocabulary: members (with typos), spans, measures.
@Suite("Chat: ledger questions read from their words")
struct LedgerQuestionTests {
    static let vocabulary = ChatVocabulary(
        entries: [
            .init(dimension: .directorate, value: "Directorate of Finance", amount: Money(minorUnits: 900)),
            .init(dimension: .directorate, value: "Directorate of Operations", amount: Money(minorUnits: 800)),
            .init(dimension: .directorate, value: "Directorate of People & Culture", amount: Money(minorUnits: 700)),
            .init(dimension: .costCenter, value: "31090", name: "Treasury Jakarta", amount: Money(minorUnits: 600)),
            .init(dimension: .glAccount, value: "5101001", name: "Office Supplies", amount: Money(minorUnits: 500)),
            .init(dimension: .supplier, value: "PT Sinar Jaya Abadi", amount: Money(minorUnits: 400)),
            .init(dimension: .supplier, value: "Total Logistics", amount: Money(minorUnits: 300)),
        ],
        periods: (1...12).map { FiscalPeriod(year: 2024, period: $0) } + [FiscalPeriod(year: 2023, period: 12)],
        currency: "IDR"
    )

    func read(_ question: String, intent: ChatIntent = .summary) -> LedgerReading {
        LedgerQuestionReader(vocabulary: Self.vocabulary).read(question, intent: intent)
    }

    func question(_ text: String) throws -> LedgerQuestion {
        guard case .question(let question) = read(text) else {
            Issue.record("\(text): not read as a ledger question: \(read(text))")
            throw CancellationError()
        }
        return question
    }

    @Test(
        "measures, members and spans",
        arguments: [
            (
                "What was the total spend of Directorate of Finance in 2024-03?", "total", ["Directorate of Finance"],
                ["2024-03"]
            ),
            (
                "what was the total spend of directorate of finace in march 2024", "total", ["Directorate of Finance"],
                ["2024-03"]
            ),
            (
                "Berapa total pengeluaran Directorate of Finance pada maret 2024?", "total", ["Directorate of Finance"],
                ["2024-03"]
            ),
            ("Which supplier had the largest spend in 2024-01?", "top 1 supplier", [], ["2024-01"]),
            ("Top 5 cost centres in Q1 2024", "top 5 cost_center", [], ["2024-Q1"]),
            ("5 pemasok terbesar pada kuartal pertama 2024", "top 5 supplier", [], ["2024-Q1"]),
            (
                "the 3 smallest GL accounts of Directorate of Operations in FY2024", "bottom 3 gl_account",
                ["Directorate of Operations"], ["FY2024"]
            ),
            ("Spend by directorate in 2024-Q2", "top 10 directorate", [], ["2024-Q2"]),
            (
                "What share of Directorate of Operations spend went to PT Sinar Jaya Abadi in 2024?", "share",
                ["Directorate of Operations", "PT Sinar Jaya Abadi"], ["FY2024"]
            ),
            (
                "How did spend of Directorate of Finance change between 2024-02 and 2024-03?", "change",
                ["Directorate of Finance"], ["2024-02", "2024-03"]
            ),
            ("Bagaimana perubahan pengeluaran cost centre 31090 pada Juni 2024?", "change", ["31090"], ["2024-06"]),
            ("Show the duplicate payments with their lines", "findings duplicate_payment", [], []),
            (
                "Temuan posting akhir pekan untuk Directorate of People and Culture", "findings weekend_posting",
                ["Directorate of People & Culture"], []
            ),
            ("How much was spent on office supplies in the third quarter of 2024?", "total", ["5101001"], ["2024-Q3"]),
            ("Total spend of Total Logistics last month", "total", ["Total Logistics"], ["2024-12"]),
            ("spend of treasury jakarta in triwulan IV tahun 2024", "total", ["31090"], ["2024-Q4"]),
        ] as [(String, String, [String], [String])]
    )
    func reads(text: String, measure: String, members: [String], spans: [String]) throws {
        let question = try question(text)
        let described: String =
            switch question.measure {
            case .total: "total"
            case .change: "change"
            case .share: "share"
            case .findings(let kind): "findings \(kind.rawValue)"
            case .top(let count, let dimension, let ascending):
                "\(ascending ? "bottom" : "top") \(count) \(dimension.rawValue)"
            }
        #expect(described == measure, "\(text)")
        #expect(question.members.map(\.value).sorted() == members.sorted(), "\(text)")
        #expect(question.scopes.map(\.description) == spans, "\(text)")
    }

    @Test("a member the ledger does not have, and questions about something else")
    func unanswerable() {
        #expect(read("What was the total spend of Directorate of Magic in 2024-03?") == .unknownMember(.directorate))
        #expect(read("Berapa pengeluaran pemasok Acme Widgets pada 2024-03?") == .unknownMember(.supplier))
        #expect(read("What is the weather in Jakarta?", intent: .general) == .none)
        #expect(read("how many anomalies were found?", intent: .anomaly) == .none)
        #expect(read("show me the monthly spend trend chart", intent: .visualization) == .none)
        #expect(read("Indonesian: berapa total pengeluaran?") == .none)
    }

    @Test("Indonesian questions are answered in Indonesian")
    func language() throws {
        #expect(
            try question("Berapa total pengeluaran Directorate of Finance pada maret 2024?").language == .indonesian
        )
        #expect(try question("What was the total spend of Directorate of Finance in 2024-03?").language == .english)
    }

    @Test("names: folded, `&` read as `and`, edits bounded by word length, codes exact")
    func names() {
        #expect(
            NameMatching.words("Directorate of People & Culture") == ["directorate", "of", "people", "and", "culture"]
        )
        #expect(NameMatching.words("Café  ÉTÉ-2") == ["cafe", "ete", "2"])
        #expect(NameMatching.distance("finance", "finace", limit: 1) == 1)
        #expect(NameMatching.distance("finance", "fnance", limit: 1) == 1)
        #expect(NameMatching.distance("finance", "fiance", limit: 1) == 1)
        #expect(NameMatching.distance("finance", "fenanca", limit: 1) == nil)
        #expect(NameMatching.allowedEdits("tax") == 0)
        #expect(NameMatching.allowedEdits("31090") == 0)
        #expect(NameMatching.allowedEdits("operations") == 2)
        #expect(NameMatching.edits(["31091"], ["31090"]) == nil)
    }

    @Test("spans: quarters, years, months without a year, the latest period")
    func spans() {
        func spans(_ text: String) -> [String] {
            PeriodScope.scopes(in: QuestionToken.tokenize(text), known: Self.vocabulary.periods).map(\.description)
        }
        #expect(spans("2024-Q2 and Q3-2024") == ["2024-Q2", "2024-Q3"])
        #expect(spans("quarter 4 of 2023") == ["2023-Q4"])
        #expect(spans("fiscal year 2023 vs tahun 2024") == ["FY2023", "FY2024"])
        #expect(spans("in December") == ["2024-12"])
        #expect(spans("bulan terakhir") == ["2024-12"])
        #expect(spans("may I ask about 2024/05") == ["2024-05"])
        #expect(PeriodScope(year: 2024, quarter: 1).previous.description == "2023-Q4")
        #expect(PeriodScope(FiscalPeriod(year: 2024, period: 1)).previous.description == "2023-12")
    }

    @Test("exact ratios: rounded half away from zero, as PostgreSQL's round")
    func quotients() {
        #expect(LedgerPhrases.quotient(1, 3, decimals: 6) == "0.333333")
        #expect(LedgerPhrases.quotient(2, 3, decimals: 6) == "0.666667")
        #expect(LedgerPhrases.quotient(-1, 8, decimals: 2) == "-0.13")
        #expect(LedgerPhrases.quotient(1, -400, decimals: 2) == "0.00")
        #expect(LedgerPhrases.quotient(-125, 1000, decimals: 1, times: 100) == "-12.5")
        #expect(LedgerPhrases.quotient(Int64.max, 1, decimals: 1, times: 100) == "922337203685477580700.0")
        #expect(LedgerPhrases.quotient(5, 0, decimals: 6) == nil)
    }

    @Test("suggestions name this ledger's members and periods, and are read as ledger questions")
    func suggestions() throws {
        for language in ChatLanguage.allCases {
            let suggested = ChatSuggestions.questions(Self.vocabulary, language)
            #expect(suggested.count == 3)
            #expect(suggested[0].contains("Directorate of Finance") && suggested[0].contains("2024-12"))
            for text in suggested {
                _ = try question(text)
            }
        }
        let forSuppliers = ChatSuggestions.questions(Self.vocabulary, .english, dimension: .supplier)
        #expect(forSuppliers[0] == "What was the total spend of supplier PT Sinar Jaya Abadi in 2024-12?")
    }

    @Test("the chat quota: sliding hour and day windows per user, with the wait until a slot frees")
    func quota() {
        var limits = ChatLimits()
        limits.messagesPerHour = 2
        limits.messagesPerDay = 3
        let quota = ChatQuota(limits: limits)
        #expect(quota.admit(user: 1, at: 0) == .admitted)
        #expect(quota.admit(user: 1, at: 10) == .admitted)
        #expect(quota.admit(user: 1, at: 20) == .refused(retryAfter: 3580))
        #expect(quota.admit(user: 2, at: 20) == .admitted)
        #expect(quota.admit(user: 1, at: 3601) == .admitted)
        #expect(quota.admit(user: 1, at: 7300) == .refused(retryAfter: 79_100))
        #expect(quota.admit(user: 1, at: 86_401) == .admitted)
    }
}
