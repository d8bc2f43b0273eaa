public import Shared

/// The words that select a measure or name a dimension, English and Indonesian, matched on normalised words
/// (see ``NameMatching/words(_:)``); a phrase ending in `*` matches any word starting with it.
enum LedgerWords {
    /// Phrases naming each dimension, the plural English forms last.
    static let dimensions: [(LedgerDimension, [String])] = [
        (.glAccount, ["gl account*", "general ledger account*", "akun gl", "akun buku besar", "account*", "akun"]),
        (.costCenter, ["cost centre*", "cost center*", "pusat biaya", "pusat pertanggungjawaban"]),
        (.directorate, ["directorate*", "direktorat"]),
        (.functionalArea, ["functional area*", "area fungsional"]),
        (.supplier, ["supplier*", "vendor*", "pemasok", "penyedia", "rekanan"]),
    ]
    static let top = ["top", "largest", "biggest", "highest", "most", "greatest", "terbesar", "tertinggi", "teratas"]
    static let bottom = ["bottom", "smallest", "lowest", "least", "terkecil", "terendah"]
    static let breakdown = ["by", "per", "menurut", "tiap", "setiap", "masing"]
    static let share = [
        "share", "percentage", "percent", "proportion", "portion", "fraction", "porsi", "persentase", "proporsi",
        "pangsa", "persen",
    ]
    static let change = [
        "change*", "differ*", "increas*", "decreas*", "grow*", "grew", "rise", "rose", "fell", "fall", "drop*",
        "compar*", "versus", "vs", "against", "berubah", "perubahan", "selisih", "naik", "turun", "kenaikan",
        "penurunan", "bandingkan", "dibandingkan", "dibanding", "perbandingan", "beda", "perbedaan", "meningkat",
        "menurun",
    ]
    static let spend = [
        "total*", "spend*", "spent", "expenditure*", "how much", "sum", "amount", "pengeluaran", "belanja", "biaya",
        "jumlah", "berapa", "nilai",
    ]
    static let findingWords = ["finding*", "anomal*", "alert*", "flag*", "temuan", "red flag*"]
    /// Finding kinds by phrase; the second list needs a word for findings as well ("month over month findings").
    static let kinds: [(FindingKind, [String], needsFindingWord: Bool)] = [
        (.duplicatePayment, ["duplicate*", "double payment*", "pembayaran ganda", "duplikat"], false),
        (.weekendPosting, ["weekend*", "akhir pekan"], false),
        (.roundAmounts, ["round amount*", "round number*", "nilai bulat", "angka bulat", "jumlah bulat"], false),
        (.benford, ["benford*"], false),
        (.belowApprovalLimit, ["approval limit*", "below approval", "batas persetujuan"], false),
        (.monthOverMonth, ["month over month", "mom", "bulan ke bulan"], true),
        (.yearOverYear, ["year over year", "yoy", "tahun ke tahun"], true),
        (.rootCause, ["root cause*", "akar masalah"], true),
        (.statisticalOutlier, ["statistical outlier*", "pencilan statistik"], true),
        (.isolationForest, ["isolation forest"], true),
        (.incompletePeriod, ["incomplete period*", "periode tidak lengkap"], true),
    ]
    static let counts: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
        "sepuluh": 10,
    ]

    /// Where `phrase` starts among `words` (skipping positions in `masked`), each occurrence.
    static func occurrences(of phrase: String, in words: [String], masked: Set<Int> = []) -> [Range<Int>] {
        let prefix = phrase.hasSuffix("*")
        let parts = (prefix ? String(phrase.dropLast()) : phrase).split(separator: " ").map(String.init)
        guard !parts.isEmpty, words.count >= parts.count else { return [] }
        return (0...(words.count - parts.count))
            .compactMap { start in
                let span = start..<(start + parts.count)
                let matched = parts.indices.allSatisfy { offset in
                    let word = words[start + offset]
                    guard !masked.contains(start + offset) else { return false }
                    return offset == parts.count - 1 && prefix ? word.hasPrefix(parts[offset]) : word == parts[offset]
                }
                return matched ? span : nil
            }
    }

    /// Whether any of `phrases` occurs.
    static func any(_ phrases: [String], in words: [String], masked: Set<Int> = []) -> Bool {
        phrases.contains { !occurrences(of: $0, in: words, masked: masked).isEmpty }
    }
}
