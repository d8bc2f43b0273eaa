public import Shared

/// Sentences in currency terms, the same everywhere a finding is explained.
public struct Wording: Sendable {
    /// The currency code put before amounts.
    public var currency: String

    /// Creates wording for `currency`.
    public init(currency: String) {
        self.currency = currency
    }

    /// `IDR 3.1bn`.
    public func money(_ minorUnits: Int64) -> String {
        Money(minorUnits: minorUnits).compact(currency: currency)
    }

    /// `+60 %` / `-35 %` / `new` (when the base is zero).
    public func change(_ relative: Double) -> String {
        guard relative.isFinite else { return "new spend" }
        let percent = Int((relative * 100).rounded())
        return (percent >= 0 ? "+" : "") + "\(percent) %"
    }

    /// `cost centre 31090`, `the organisation` for nil.
    public func slice(_ value: DimensionValue?) -> String {
        guard let value else { return "The organisation" }
        return "\(value.dimension.label.prefix(1).uppercased())\(value.dimension.label.dropFirst()) \(value.value)"
    }

    /// The sentence of a flagged change, with its leading contributor when known:
    /// "Cost centre 31090 spent IDR 3.1bn in 2024-07, +60 % on 2024-06; supplier X explains IDR 0.9bn of the
    /// IDR 1.16bn rise." A contributor without a value reads "lines without a cost centre explain …".
    public func changeSentence(_ change: SliceChange, slice: DimensionValue?, contributors: ChangeContributors?)
        -> String
    {
        var sentence =
            "\(self.slice(slice)) spent \(money(change.current)) in \(change.period), \(self.change(change.relativeChange)) on \(change.base) (\(money(change.previous)))"
        let rising = change.delta > 0
        if let top = rising ? contributors?.up.first : contributors?.down.first {
            let who =
                top.member == LedgerDimension.noValue
                ? "lines without a \(top.dimension.label) explain" : "\(top.dimension.label) \(top.member) explains"
            sentence +=
                "; \(who) \(money(top.delta.magnitude == 0 ? 0 : Int64(top.delta.magnitude))) of the \(money(Int64(change.delta.magnitude))) \(rising ? "rise" : "fall")"
        }
        return sentence + "."
    }
}
