import Shared
import Testing

@testable import Detector

/// The radix sort of the statistics gives the standard library's `sort()` result bit for bit.
@Suite("Sorting doubles")
struct DoubleSortTests {
    /// `count` values: log-magnitudes of both signs, repeated values, zeros of both signs in no particular order,
    /// infinities and subnormals.
    static func sample(_ count: Int, seed: UInt64) -> [Double] {
        var random = SeededGenerator(seed: seed)
        let specials: [Double] = [0.0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude, 1]
        return (0..<count)
            .map { _ in
                switch random.next() % 10 {
                case 0: specials[Int(random.next() % UInt64(specials.count))]
                case 1: Double(Int(random.next() % 40) - 20)
                default: (random.nextUnit() - 0.3) * pow10(Int(random.next() % 12))
                }
            }
    }

    static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }

    @Test("the same bits as sort(): above and below the radix threshold", arguments: [10, 4_095, 4_096, 50_000])
    func sameAsStandardSort(count: Int) {
        let values = Self.sample(count, seed: UInt64(count))
        var radix = values
        DoubleSort.sort(&radix)
        #expect(radix.map(\.bitPattern) == values.sorted().map(\.bitPattern))
    }

    @Test("zeros keep their order of input: −0 before +0 only where it came first")
    func zeros() {
        var values = [Double](repeating: 5, count: 5_000)
        values[10] = 0.0
        values[20] = -0.0
        values[30] = 0.0
        values[40] = -1.5
        DoubleSort.sort(&values)
        #expect(values[0] == -1.5)
        #expect(values[1...3].map { $0.sign } == [.plus, .minus, .plus])
        #expect(values[4...].allSatisfy { $0 == 5 })
    }

    @Test("a sample holding NaN is sorted by comparison, as before")
    func notANumber() {
        var values = Self.sample(5_000, seed: 9)
        values[77] = .nan
        var radix = values
        DoubleSort.sort(&radix)
        #expect(radix.map(\.bitPattern) == values.sorted().map(\.bitPattern))
    }
}
