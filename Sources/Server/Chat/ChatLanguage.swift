/// The language of a question, which is also the language of its answer.
public enum ChatLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    /// English.
    case english = "en"
    /// Indonesian (Bahasa Indonesia).
    case indonesian = "id"

    /// Detects the language of `text` by counting its words that are common in one language and not the other
    /// ("berapa", "apa", "yang", "bulan", "tolong", … against "what", "the", "how", "month", "please", …).
    ///
    /// Indonesian wins only with strictly more such words; a tie, including none at all, is English.
    public static func detect(in text: String) -> ChatLanguage {
        var indonesian = 0
        var english = 0
        for token in QuestionToken.tokenize(text) {
            if indonesianWords.contains(token.text) { indonesian += 1 }
            if englishWords.contains(token.text) { english += 1 }
        }
        return indonesian > english ? .indonesian : .english
    }

    private static let indonesianWords: Set<String> = [
        "berapa", "apa", "apakah", "yang", "bulan", "tolong", "dan", "di", "ke", "dari", "untuk", "dengan", "ini",
        "itu", "adalah", "pada", "tahun", "bagaimana", "kenapa", "mengapa", "saja", "tampilkan", "jelaskan",
        "berikan", "saya", "kami", "ada", "tidak", "sebutkan", "terakhir", "pengeluaran", "mana", "siapa", "paling",
        "lebih", "dibandingkan", "bandingkan", "antara", "tunjukkan", "coba", "mohon", "terjadi", "biaya", "belanja",
        "jumlah", "ringkasan", "penyebab", "grafik", "kenaikan", "penurunan", "naik", "turun", "temuan", "anomali",
        "pencilan", "tren", "selisih", "lalu", "sebelumnya", "buat", "bisa", "akar", "masalah",
    ]

    private static let englishWords: Set<String> = [
        "the", "what", "which", "is", "are", "was", "were", "how", "why", "of", "in", "for", "and", "show", "me",
        "did", "does", "do", "with", "last", "month", "please", "can", "you", "to", "on", "a", "an", "there", "any",
        "give", "tell", "about", "between", "compare", "spend", "spending", "by", "from", "our", "this", "that",
        "much", "many", "anomalies", "outliers", "trend", "summary", "chart", "cause", "year",
    ]
}

extension ChatLanguage {
    /// The English or the Indonesian text, whichever is this language.
    func pick(_ english: String, _ indonesian: String) -> String {
        self == .english ? english : indonesian
    }
}
