extension IntentClassifier {
    /// Month names and abbreviations, English and Indonesian, to their number.
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "januari": 1,
        "february": 2, "feb": 2, "februari": 2, "pebruari": 2,
        "march": 3, "mar": 3, "maret": 3,
        "april": 4, "apr": 4,
        "may": 5, "mei": 5,
        "june": 6, "jun": 6, "juni": 6,
        "july": 7, "jul": 7, "juli": 7,
        "august": 8, "aug": 8, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
        "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "oktober": 10, "okt": 10,
        "november": 11, "nov": 11, "nop": 11,
        "december": 12, "dec": 12, "desember": 12, "des": 12,
    ]

    /// Periods and stand-alone years in `tokens`, distinct, in the order written.
    ///
    /// A period is `YYYY-PP` or `YYYY/PP` (posting period 1–16), `MM/YYYY` or `MM-YYYY` (month 1–12), or a month
    /// name followed by a year (`May 2024`, `Mei 2024`, `Jan, 2024`), always written back as `YYYY-PP`. Month
    /// names map to posting periods 1–12 as the Detector's `timeseries_month_year` labels them. A year is 1900–2100.
    static func periods(in tokens: [QuestionToken]) -> (periods: [String], years: [Int]) {
        var periods: [String] = []
        var years: [Int] = []
        func year(_ token: QuestionToken) -> Int? {
            guard token.isDigits, token.text.count == 4, let value = Int(token.text), (1900...2100).contains(value)
            else { return nil }
            return value
        }
        func number(_ token: QuestionToken, in range: ClosedRange<Int>) -> Int? {
            guard token.isDigits, token.text.count <= 2, let value = Int(token.text), range.contains(value) else {
                return nil
            }
            return value
        }
        func add(_ year: Int, _ period: Int) {
            let text = "\(year)-\(period < 10 ? "0" : "")\(period)"
            if !periods.contains(text) { periods.append(text) }
        }
        let joined: Set<Character> = ["-", "/"]
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            if let first = year(token), let next, let joiner = next.joiner, joined.contains(joiner),
                let period = number(next, in: 1...16)
            {
                add(first, period)
                index += 2
            } else if let month = number(token, in: 1...12), let next, let joiner = next.joiner,
                joined.contains(joiner),
                let second = year(next)
            {
                add(second, month)
                index += 2
            } else if let month = months[token.text], let next, next.joiner == nil || next.joiner == ",",
                let second = year(next)
            {
                add(second, month)
                index += 2
            } else {
                if let value = year(token), !years.contains(value) { years.append(value) }
                index += 1
            }
        }
        return (periods, years)
    }

    /// The known member named in `tokens`.
    ///
    /// The one matching the most consecutive words wins, then the longest value, then the first in `known`.
    /// Values shorter than 3 characters must match with their exact case.
    static func member(in tokens: [QuestionToken], known: [ChatMember]) -> ChatMember? {
        var best: (member: ChatMember, words: Int)?
        for member in known {
            let words = QuestionToken.tokenize(member.value)
            guard !words.isEmpty, tokens.count >= words.count else { continue }
            let caseSensitive = member.value.count < 3
            let found = (0...(tokens.count - words.count))
                .contains { start in
                    words.indices.allSatisfy { offset in
                        let token = tokens[start + offset]
                        return caseSensitive
                            ? token.original == words[offset].original : token.text == words[offset].text
                    }
                }
            guard found else { continue }
            if let current = best,
                current.words > words.count
                    || (current.words == words.count && current.member.value.count >= member.value.count)
            {
                continue
            }
            best = (member, words.count)
        }
        return best?.member
    }
}
