/// Sorts `[Double]` ascending: a least-significant-digit radix sort on the values' IEEE 754 bits for large
/// samples, the standard library's `sort()` for small ones and for any sample holding NaN.
///
/// The result is the array `sort()` gives, bit for bit. Every value but zero has its own key, ordered as `<` orders
/// the values; −0 and +0 share one key (`<` holds them equal) and, the sort being stable, keep their order of
/// input, as the standard library's stable sort keeps it. The statistical pass sorts every line's magnitude several
/// times per run (medians and MADs per scope); with 5M lines the radix sort's eight passes over the bits cost a
/// fraction of the comparison sort's merges (NOTES.md, issue 14).
enum DoubleSort {
    /// Samples smaller than this are sorted by comparison (the radix sort's 2,048 counters outweigh them).
    static let radixMinimumCount = 4_096

    /// Sorts `values` ascending.
    static func sort(_ values: inout [Double]) {
        guard values.count >= radixMinimumCount, !values.contains(where: \.isNaN) else {
            values.sort()
            return
        }
        var zeroSigns: [FloatingPointSign] = []
        var scratch = [UInt64](repeating: 0, count: values.count)
        values.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt64.self) { keys in
                for index in keys.indices {
                    let value = Double(bitPattern: keys[index])
                    if value == 0 { zeroSigns.append(value.sign) }
                    keys[index] = key(value)
                }
                scratch.withUnsafeMutableBufferPointer { scratch in radixSort(keys, scratch: scratch) }
                var zero = 0
                for index in keys.indices {
                    var value = Self.value(keys[index])
                    if value == 0 {
                        value = zeroSigns[zero] == .minus ? -0.0 : 0.0
                        zero += 1
                    }
                    keys[index] = value.bitPattern
                }
            }
        }
    }

    /// An unsigned key that orders as the value does; both zeros map to the key of +0.
    private static func key(_ value: Double) -> UInt64 {
        let bits = value == 0 ? 0 : value.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | 1 << 63
    }

    private static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// Stable LSD radix sort of `keys`, 8 bits per pass; a pass whose digit is the same in every key is skipped.
    private static func radixSort(
        _ keys: UnsafeMutableBufferPointer<UInt64>,
        scratch: UnsafeMutableBufferPointer<UInt64>
    ) {
        var counts = [Int](repeating: 0, count: 8 * 256)
        for key in keys {
            for digit in 0..<8 { counts[digit * 256 + Int((key >> (8 * digit)) & 0xFF)] += 1 }
        }
        var (source, target) = (keys, scratch)
        for digit in 0..<8 {
            let base = digit * 256
            if counts[base..<(base + 256)].contains(keys.count) { continue }
            var offset = 0
            for bucket in base..<(base + 256) {
                let count = counts[bucket]
                counts[bucket] = offset
                offset += count
            }
            for key in source {
                let bucket = base + Int((key >> (8 * digit)) & 0xFF)
                target[counts[bucket]] = key
                counts[bucket] += 1
            }
            swap(&source, &target)
        }
        if source.baseAddress != keys.baseAddress { _ = keys.update(fromContentsOf: source) }
    }
}
