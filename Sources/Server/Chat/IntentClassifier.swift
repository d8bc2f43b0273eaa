/// Routes a chat question to an intent by keyword scoring in English and Indonesian.
///
/// It also picks out the periods, years and dimension member the question names. Deterministic: the same
/// question always gets the same result.
///
/// Scoring:
/// - The question is split into lowercased words. Every keyword or phrase of ``keywords`` that occurs adds its
///   weight to its intent once, however often it occurs. Weights: 4 for words that settle the intent on their own
///   (`chart`, `grafik`, `root cause`, `akar masalah`), 3 for the intent's usual words (`anomaly`, `pencilan`,
///   `trend`, `ringkasan`, `compare`, `bandingkan`), 2 for supporting words (`why`, `kenapa`, `increase`,
///   `naik`), 1 for words common in many questions (`total`, `spend`, `tampilkan`).
/// - Naming two or more different periods, or two or more different years, adds 2 to ``ChatIntent/comparison``.
/// - The highest score wins. A tie goes to the more specific intent, in the order of ``tieOrder``:
///   visualization, comparison, rca, trend, outlier, anomaly, summary, general. So "why did spend increase"
///   (rca 2, trend 2) is rca, and "show a chart of the trend" is visualization. No score at all is general.
public struct IntentClassifier: Sendable {
    /// Creates a classifier.
    public init() {}

    /// The order that breaks ties, most specific first.
    public static let tieOrder: [ChatIntent] = [
        .visualization, .comparison, .rca, .trend, .outlier, .anomaly, .summary, .general,
    ]

    /// Classifies `question`.
    ///
    /// - Parameters:
    ///   - question: The question as asked.
    ///   - knownMembers: Dimension members the question may name (see ``ChatMember/known(in:)``); the longest
    ///     match wins, and a member shorter than 3 characters must match with its exact case (so the directorate
    ///     `IT` is not the word "it").
    /// - Returns: The intent, language, scores and entities.
    public func classify(_ question: String, knownMembers: [ChatMember] = []) -> ClassifiedQuestion {
        let tokens = QuestionToken.tokenize(question)
        var scores: [ChatIntent: Int] = [:]
        for keyword in Self.keywords where keyword.occurs(in: tokens) {
            scores[keyword.intent, default: 0] += keyword.weight
        }
        let (periods, years) = Self.periods(in: tokens)
        if periods.count >= 2 || years.count >= 2 { scores[.comparison, default: 0] += 2 }
        let best = scores.values.max() ?? 0
        let intent = best == 0 ? .general : Self.tieOrder.first { scores[$0] == best } ?? .general
        return ClassifiedQuestion(
            text: question,
            intent: intent,
            language: ChatLanguage.detect(in: question),
            scores: scores,
            periods: periods,
            years: years,
            member: Self.member(in: tokens, known: knownMembers)
        )
    }

    /// The keyword table, English and Indonesian.
    static let keywords: [IntentKeyword] = {
        let table: [(ChatIntent, Int, [String])] = [
            (.anomaly, 3, ["anomal*", "red flag*", "tidak wajar"]),
            (
                .anomaly, 2,
                [
                    "unusual", "irregular*", "suspicious", "finding*", "alert*", "fraud*", "duplicate*", "severity",
                    "tidak biasa", "janggal", "kejanggalan", "mencurigakan", "temuan", "duplikat", "peringatan",
                    "penipuan",
                    "kecurangan",
                ]
            ),
            (
                .anomaly, 1,
                ["weird", "strange", "odd", "wrong", "problem*", "issue*", "critical", "aneh", "ganda", "masalah"]
            ),
            (
                .outlier, 3,
                [
                    "outlier*", "pencilan", "isolation forest", "z score", "zscore", "flagged line*",
                    "machine learning", "ml",
                ]
            ),
            (.outlier, 2, ["extreme", "ekstrem", "ekstrim", "statistical", "journal line*", "baris jurnal"]),
            (.outlier, 1, ["transaction*", "transaksi", "baris", "line item*"]),
            (
                .trend, 3,
                [
                    "trend*", "tren", "month over month", "year over year", "kenaikan", "penurunan", "peningkatan",
                    "lonjakan",
                    "bulan ke bulan", "tahun ke tahun",
                ]
            ),
            (
                .trend, 2,
                [
                    "increas*", "decreas*", "rise", "rising", "rose", "grow*", "spike*", "jump*", "drop*", "fall",
                    "fell",
                    "falling", "declin*", "mom", "yoy", "over time", "naik", "turun", "meningkat", "menurun",
                    "melonjak",
                    "perubahan", "pertumbuhan",
                ]
            ),
            (.trend, 1, ["change*", "movement*"]),
            (.rca, 4, ["root cause*", "rca", "akar masalah", "akar penyebab"]),
            (.rca, 3, ["driver*", "variance bridge", "penyebab*", "pendorong", "disebabkan"]),
            (
                .rca, 2,
                [
                    "why", "cause*", "driven", "drove", "explain*", "reason*", "contribut*", "responsible", "bridge",
                    "sebab",
                    "kenapa", "mengapa", "alasan", "faktor", "kontribusi", "berkontribusi",
                ]
            ),
            (.rca, 1, ["behind", "due to", "jelaskan"]),
            (
                .summary, 3,
                [
                    "summary", "summari*", "overview", "eda", "exploratory", "descriptive", "ringkasan", "rangkuman",
                    "ikhtisar", "gambaran umum", "total pengeluaran", "deskriptif",
                ]
            ),
            (
                .summary, 2,
                [
                    "how much", "distinct", "overall", "describe", "breakdown", "debit*", "credit*", "median",
                    "quantile*",
                    "keseluruhan", "rincian",
                ]
            ),
            (
                .summary, 1,
                [
                    "total*", "how many", "spend", "spent", "spending", "expenditure", "fiscal year*", "statistics",
                    "lines",
                    "profile", "berapa", "jumlah", "pengeluaran", "belanja", "biaya", "statistik", "tahun anggaran",
                    "tahun fiskal",
                ]
            ),
            (
                .comparison, 3,
                [
                    "compar*", "versus", "vs", "bandingkan", "dibandingkan", "dibanding", "perbandingan",
                    "membandingkan",
                ]
            ),
            (.comparison, 2, ["difference", "differ*", "relative to", "selisih", "beda", "perbedaan"]),
            (.comparison, 1, ["against", "than", "daripada", "antara"]),
            (
                .visualization, 4,
                [
                    "chart*", "graph*", "plot*", "visuali*", "diagram*", "heatmap", "heat map", "waterfall", "grafik",
                    "bagan",
                ]
            ),
            (.visualization, 3, ["pie", "scatter"]),
            (.visualization, 2, ["draw", "picture", "gambar", "gambarkan"]),
            (.visualization, 1, ["show me", "display", "tampilkan", "tunjukkan", "perlihatkan"]),
            (.general, 2, ["what can you", "who are you", "capabilit*", "apa yang bisa", "bisa apa", "kemampuan"]),
            (.general, 1, ["help", "hello", "hi", "bantuan", "halo", "hai"]),
        ]
        return table.flatMap { intent, weight, phrases in phrases.map { IntentKeyword($0, intent, weight) } }
    }()
}
