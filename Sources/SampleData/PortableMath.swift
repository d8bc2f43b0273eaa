/// `exp` and `log` computed with IEEE 754 basic arithmetic only.
///
/// Platform math libraries may differ in the last bit of `exp`/`log`, which would change a rounded amount
/// now and then; these versions give the same bits on every machine, which keeps the sample byte-identical.
/// Accuracy is a few units in the last place, plenty for drawing random amounts.
enum PortableMath {
    private static let ln2High = 6.93147180369123816490e-01  // ln 2 with the low 32 bits zero, so k·ln2High is exact
    private static let ln2Low = 1.90821492927058770002e-10  // ln 2 − ln2High
    private static let log2OfE = 1.44269504088896338700e+00

    /// e raised to `x`.
    static func exp(_ x: Double) -> Double {
        if x > 709.7 { return .infinity }
        if x < -745.2 { return 0 }
        // x = k·ln 2 + r with |r| ≤ ln 2 / 2, then e^x = 2^k · e^r and e^r from its Taylor series.
        let k = (x * log2OfE).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var term = 1.0
        var sum = 1.0
        for n in 1...14 {
            term = term * r / Double(n)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// The natural logarithm of a positive finite `x`.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log needs a positive finite argument")
        // x = m·2^e with m in [√½, √2), then ln m = 2·atanh(s) with s = (m − 1)/(m + 1), |s| ≤ 0.172.
        var exponent = Double(x.exponent)
        var mantissa = x.significand
        if mantissa > 1.4142135623730951 {
            mantissa /= 2
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var power = s
        var series = 0.0
        for n in 0...12 {
            series += power / Double(2 * n + 1)
            power *= s2
        }
        return exponent * ln2High + (exponent * ln2Low + 2 * series)
    }
}
