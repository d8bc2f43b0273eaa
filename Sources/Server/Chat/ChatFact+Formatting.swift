import Shared

extension ChatFact {
    /// The value for a sentence, with the same digits as the document.
    ///
    /// An amount is grouped with its currency (`GBP 1,234,567.89`; Indonesian `GBP 1.234.567,89`), a count
    /// grouped, a ratio written as a percentage to one decimal (`60.3 %`), a percentage or score as written with
    /// the language's decimal mark, text as is. A value that does not parse as its kind is shown as written.
    func formattedValue(in language: ChatLanguage) -> String {
        switch kind {
        case .text:
            return value
        case .amount:
            guard let amount = Money(decimalText: value) else { return value }
            let text = Self.localized(amount.grouped, language)
            guard let currency, !currency.isEmpty else { return text }
            return "\(currency) \(text)"
        case .count:
            guard let count = Int64(value) else { return value }
            return (count < 0 ? "-" : "") + Self.grouped(String(count.magnitude), language)
        case .ratio:
            guard let ratio = ExactDecimal(jsonNumber: value) else { return value }
            return Self.localized(ratio.shifted(by: 2).plainText(decimals: 1), language) + " %"
        case .percent:
            return Self.localized(value, language) + " %"
        case .score:
            return Self.localized(value, language)
        }
    }

    /// English `1,234.5` as Indonesian `1.234,5`: the two marks swap.
    private static func localized(_ text: String, _ language: ChatLanguage) -> String {
        guard language == .indonesian else { return text }
        return String(text.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    /// `1234567` → `1,234,567` / `1.234.567`.
    private static func grouped(_ digits: String, _ language: ChatLanguage) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(language == .english ? "," : ".") }
            result.append(digit)
        }
        return result
    }
}
