extension Money {
    /// The amount with thousands separators and two decimals: `-1,234,567.89`.
    public var grouped: String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return (negative ? "-" : "") + (magnitude / 100).grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// A short form for sentences: `IDR 3.1bn`, `IDR 450.2m`, `GBP 12.5k`, `IDR 950`; one decimal of the unit,
    /// rounded half away from zero on exact integer arithmetic, and a leading `-` for negative amounts.
    public func compact(currency: String) -> String {
        let negative = minorUnits < 0
        let units = minorUnits.magnitude / 100  // whole currency units
        let scales: [(UInt64, String)] = [
            (1_000_000_000_000, "tn"), (1_000_000_000, "bn"), (1_000_000, "m"), (1_000, "k"),
        ]
        var text = String(units)
        for (scale, suffix) in scales where units >= scale {
            let tenths = (units * 10 + scale / 2) / scale
            text = "\(tenths / 10)" + (tenths % 10 == 0 ? "" : ".\(tenths % 10)") + suffix
            break
        }
        return (negative ? "-" : "") + (currency.isEmpty ? "" : currency + " ") + text
    }
}

extension UInt64 {
    /// The digits with a comma between thousands: `1,234,567`.
    public var grouped: String {
        let digits = String(self)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
