/// Checks that every number in a model-phrased answer comes from the facts it was given.
///
/// A number written in the answer (see ``WrittenNumber`` for how separators, scale words such as `m`, `million`,
/// `juta`, `bn`, `miliar`, and `%`/`percent`/`persen` are read; signs are ignored) is supported when one of its
/// readings is:
/// 1. **equal** to a fact's numeric value (amount, count, score or ratio, by magnitude), or to a number written
///    in a fact's label or text value (`31090`, the `3.1bn` of an explanation), or
/// 2. a **faithful rounding** of a fact's numeric value: written with at least 2 significant digits, with
///    coarser precision than the fact, and equal to the fact rounded to the precision written (half a unit of
///    the last written digit; at an exact tie either neighbour). For 1234567.89: `1,234,567.9`, `1,234,568`,
///    `1.23 million`, `1.2m`, `1,2 juta` are supported; `1,234,567` (truncated), `1.3 million` (wrong) and
///    `1 million` (one significant digit) are not.
///
/// Percentages are compared with the facts' percentages: ratios × 100 and percent values, by the same two rules
/// (0.60345 supports `60.3%` and `60%`, not `61%`). A year (1900–2100) is supported when it appears in the facts,
/// on its own or as part of a period; a period `YYYY-PP` only when that period appears there (`May 2024` in a
/// label counts as `2024-05`). A bare integer from 0 to 10 ("3 findings") must equal a fact or a number in the
/// facts exactly. Only the facts count: a number that appears only in the question is not supported (a
/// question can say anything). List markers at the start of a line (`1.`, `2)`) are
/// formatting, not figures. Numbers written in words ("three") are not checked.
public struct NumberGrounding: Sendable {
    private let numericFacts: [ExactDecimal]
    private let percentFacts: [ExactDecimal]
    private let writtenValues: Set<ExactDecimal>
    private let periods: Set<String>
    private let years: Set<Int>

    private static let ten = ExactDecimal(negative: false, digits: [1], exponent: 1)

    /// Prepares the check for answers built from `facts`.
    public init(facts: [ChatFact]) {
        var numeric: [ExactDecimal] = []
        var percents: [ExactDecimal] = []
        var texts: [String] = []
        for fact in facts {
            texts.append(fact.label)
            switch fact.kind {
            case .text:
                texts.append(fact.value)
            case .percent:
                if let value = ExactDecimal(jsonNumber: fact.value) { percents.append(value.magnitude) }
            case .ratio:
                if let value = ExactDecimal(jsonNumber: fact.value) {
                    numeric.append(value.magnitude)
                    percents.append(value.magnitude.shifted(by: 2))
                }
            case .amount, .count, .score:
                if let value = ExactDecimal(jsonNumber: fact.value) { numeric.append(value.magnitude) }
            }
        }
        var written: Set<ExactDecimal> = []
        var periods: Set<String> = []
        for text in texts {
            for language in ChatLanguage.allCases {
                for number in WrittenNumber.scan(text, language: language) {
                    written.formUnion(number.readings.map(\.value))
                    if case .period(let period) = number.form { periods.insert(period) }
                }
            }
        }
        numericFacts = numeric
        percentFacts = percents
        writtenValues = written
        self.periods = periods
        years = Set(periods.compactMap { Int($0.prefix(4)) })
    }

    /// The numbers in `text` that no fact supports.
    ///
    /// - Parameters:
    ///   - text: The model's answer.
    ///   - language: The answer's language, which decides whether a capital `M` is million or miliar.
    /// - Returns: The unsupported numbers as written, in order, each once; empty when the text is grounded.
    public func unsupportedNumbers(in text: String, language: ChatLanguage) -> [String] {
        var unsupported: [String] = []
        for number in WrittenNumber.scan(text, language: language) where !isSupported(number) {
            if !unsupported.contains(number.text) { unsupported.append(number.text) }
        }
        return unsupported
    }

    private func isSupported(_ number: WrittenNumber) -> Bool {
        switch number.form {
        case .listMarker: return true
        case .period(let period): return periods.contains(period)
        case .year(let year):
            return years.contains(year)
                || number.readings.contains { writtenValues.contains($0.value) || numericFacts.contains($0.value) }
        case .percent: return number.readings.contains { isSupported($0, by: percentFacts) }
        case .plain: return number.readings.contains { isSupported($0, by: numericFacts) }
        }
    }

    private func isSupported(_ reading: WrittenNumber.Reading, by facts: [ExactDecimal]) -> Bool {
        if writtenValues.contains(reading.value) || facts.contains(reading.value) { return true }
        // Bare integers 0–10 must match exactly: 0–9 already fail the two-significant-digit rule, 10 is excluded here.
        guard reading.significantDigits >= 2, !(reading.isBareInteger && reading.value == Self.ten) else {
            return false
        }
        return facts.contains { fact in
            fact.exponent < reading.unitExponent
                && fact.roundings(toExponent: reading.unitExponent).contains(reading.value)
        }
    }
}
