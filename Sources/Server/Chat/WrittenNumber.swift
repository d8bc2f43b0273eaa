/// A number as written in a sentence, with each way it can be read.
///
/// Separators: a run of digit groups joined by `,` or `.` is read as English (`1,234,567.89`) or Indonesian
/// (`1.234.567,89`) grouping when the groups allow it. A single separator followed by exactly three digits
/// (`1,234`, `1.234`) is ambiguous and read both ways (1234 and 1.234); any other single separator is a decimal
/// point (`12.5`, `1,2`). Groups that fit neither pattern (`1.2.3`) are read as separate integers. A sign is
/// never part of the number: "fell by 1,234" and "-1,234" are the same magnitude.
struct WrittenNumber: Sendable, Hashable {
    /// One reading of the number.
    struct Reading: Sendable, Hashable {
        /// The magnitude, scale applied (`1.2 million` → 1200000); a percentage in percent (`12.5%` → 12.5).
        var value: ExactDecimal
        /// The precision the writing claims, `10^unitExponent`: `1,234.5` → -1, `1.2 million` → 5, `1,200` → 0.
        var unitExponent: Int
        /// Digits written from the first non-zero one on, trailing zeros included: `1.20m` → 3, `0.05` → 1.
        var significantDigits: Int
        /// Whether it is a whole number written without separators or scale, like `3` or `42`.
        var isBareInteger: Bool
    }

    /// What the number is.
    enum Form: Sendable, Hashable {
        /// A quantity.
        case plain
        /// A percentage (`%`, `percent`, `persen`).
        case percent
        /// A year, 1900–2100, written as four bare digits.
        case year(Int)
        /// A period `YYYY-PP` (also written `YYYY/PP`, `MM/YYYY`), normalised to `YYYY-PP`.
        case period(String)
        /// A list marker at the start of a line: `1.` or `2)` followed by a space.
        case listMarker
    }

    /// The number as written, with its scale word or percent sign.
    var text: String
    /// What it is.
    var form: Form
    /// The ways to read it; one unless the separators are ambiguous.
    var readings: [Reading]

    /// The power of ten of a scale word.
    ///
    /// `k`/`ribu`/`rb` 3, `m`/`million`/`juta`/`jt` 6, `bn`/`billion`/`miliar` 9, `tn`/`trillion`/`triliun` 12.
    /// A capital `M` is million in English and miliar (10^9) in Indonesian.
    static func scaleExponent(of word: String, language: ChatLanguage) -> Int? {
        if word == "M" { return language == .indonesian ? 9 : 6 }
        switch word.lowercased() {
        case "k", "rb", "ribu", "thousand", "thousands": return 3
        case "m", "mn", "mio", "million", "millions", "jt", "juta": return 6
        case "b", "bn", "billion", "billions", "miliar", "milyar", "mlr", "mrd": return 9
        case "t", "tn", "trillion", "trillions", "triliun": return 12
        default: return nil
        }
    }

    /// Every number written in `text`.
    static func scan(_ text: String, language: ChatLanguage) -> [WrittenNumber] {
        let characters = Array(text)
        func isDigit(_ index: Int) -> Bool {
            index < characters.count && characters[index].isASCII && characters[index].isNumber
        }
        func digits(from index: inout Int) -> String {
            var run = ""
            while isDigit(index) {
                run.append(characters[index])
                index += 1
            }
            return run
        }
        var numbers: [WrittenNumber] = []
        var index = 0
        while index < characters.count {
            guard isDigit(index) else {
                index += 1
                continue
            }
            let start = index
            var runs = [digits(from: &index)]
            var separators: [Character] = []
            while index + 1 < characters.count, characters[index] == "," || characters[index] == ".", isDigit(index + 1)
            {
                separators.append(characters[index])
                index += 1
                runs.append(digits(from: &index))
            }
            if runs.count == 1, index + 1 < characters.count, characters[index] == "-" || characters[index] == "/",
                isDigit(index + 1)
            {
                var end = index + 1
                let second = digits(from: &end)
                if let period = period(runs[0], second) {
                    numbers.append(
                        WrittenNumber(text: String(characters[start..<end]), form: .period(period), readings: [])
                    )
                    index = end
                    continue
                }
            }
            if runs.count == 1, runs[0].count <= 2, index < characters.count,
                characters[index] == "." || characters[index] == ")",
                index + 1 == characters.count || characters[index + 1].isWhitespace,
                characters[..<start].reversed().prefix(while: { !$0.isNewline }).allSatisfy(\.isWhitespace)
            {
                numbers.append(WrittenNumber(text: String(characters[start...index]), form: .listMarker, readings: []))
                index += 1
                continue
            }
            var end = index
            var percent = false
            var scale = 0
            var wordStart = index
            if wordStart < characters.count, characters[wordStart] == " " || characters[wordStart] == "\u{00A0}" {
                wordStart += 1
            }
            if wordStart < characters.count, characters[wordStart] == "%" {
                percent = true
                end = wordStart + 1
            } else if wordStart < characters.count, characters[wordStart].isLetter {
                var wordEnd = wordStart
                while wordEnd < characters.count, characters[wordEnd].isLetter { wordEnd += 1 }
                let word = String(characters[wordStart..<wordEnd])
                if ["percent", "persen", "pct"].contains(word.lowercased()) {
                    percent = true
                    end = wordEnd
                } else if let exponent = scaleExponent(of: word, language: language) {
                    scale = exponent
                    end = wordEnd
                }
            }
            index = end
            guard let groupings = groupings(runs: runs, separators: separators) else {
                for run in runs { numbers.append(plain(run, fractionDigits: 0, scale: 0, text: run)) }
                continue
            }
            let written = String(characters[start..<end])
            var number = WrittenNumber(text: written, form: percent ? .percent : .plain, readings: [])
            for (digits, fractionDigits) in groupings {
                number.readings += plain(digits, fractionDigits: fractionDigits, scale: scale, text: written).readings
            }
            if !percent, scale == 0, separators.isEmpty, runs[0].count == 4, let year = Int(runs[0]),
                (1900...2100).contains(year)
            {
                number.form = .year(year)
            }
            numbers.append(number)
        }
        return numbers
    }

    /// `2024-05`, `2024/5` → `2024-05` (period 1–16); `05/2024` → `2024-05` (month 1–12); else nil.
    private static func period(_ first: String, _ second: String) -> String? {
        func text(_ year: Int, _ period: Int) -> String { "\(year)-\(period < 10 ? "0" : "")\(period)" }
        if first.count == 4, second.count <= 2, let year = Int(first), (1900...2100).contains(year),
            let period = Int(second),
            (1...16).contains(period)
        {
            return text(year, period)
        }
        if first.count <= 2, second.count == 4, let year = Int(second), (1900...2100).contains(year),
            let month = Int(first),
            (1...12).contains(month)
        {
            return text(year, month)
        }
        return nil
    }

    /// The digit strings and fraction lengths the runs can mean, or nil when the separators fit no pattern.
    private static func groupings(runs: [String], separators: [Character]) -> [(String, Int)]? {
        let joined = runs.joined()
        guard let last = separators.last else { return [(joined, 0)] }
        if separators.count == 1 {
            let (whole, fraction) = (runs[0], runs[1])
            if fraction.count == 3, whole.count <= 3, whole.first != "0" { return [(joined, 0), (joined, 3)] }
            return [(joined, fraction.count)]
        }
        guard (1...3).contains(runs[0].count), runs[0].first != "0" || runs[0] == "0" else { return nil }
        let grouping = separators[0]
        if separators.allSatisfy({ $0 == grouping }) {
            return runs.dropFirst().allSatisfy { $0.count == 3 } ? [(joined, 0)] : nil
        }
        guard last != grouping, separators.dropLast().allSatisfy({ $0 == grouping }),
            runs.dropFirst().dropLast().allSatisfy({ $0.count == 3 })
        else { return nil }
        return [(joined, runs.last!.count)]
    }

    private static func plain(_ digits: String, fractionDigits: Int, scale: Int, text: String) -> WrittenNumber {
        let values = digits.utf8.map { $0 - UInt8(ascii: "0") }
        let significant = values.drop { $0 == 0 }.count
        let reading = Reading(
            value: ExactDecimal(negative: false, digits: values, exponent: scale - fractionDigits),
            unitExponent: scale - fractionDigits,
            significantDigits: max(significant, 1),
            isBareInteger: fractionDigits == 0 && scale == 0 && !text.contains(",") && !text.contains(".")
        )
        return WrittenNumber(text: text, form: .plain, readings: [reading])
    }
}
