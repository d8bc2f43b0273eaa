extension RandomForestImportance {
    /// A category of a node and its mean target, encoded as a sort key.
    struct RankedCategory {
        /// The mean's bits, rearranged so that unsigned integer order is the order of the means.
        var key: UInt64
        /// The category's code.
        var code: Int32

        /// The category `code` whose rows have mean target `mean`, which must not be NaN.
        init(mean: Double, code: Int32) {
            let bits = mean.bitPattern
            key = bits >> 63 == 1 ? ~bits : bits | 1 << 63
            self.code = code
        }
    }

    /// Sorts a node's categories by mean target, stably, so that ties keep their order of first appearance.
    ///
    /// Finding a categorical split is dominated by this sort (a supplier dimension can bring thousands of
    /// categories to every node), so long lists are radix-sorted on the keys' eight bytes, least significant
    /// first, skipping bytes that all keys share; short lists are insertion-sorted. Both are stable, so the
    /// order is the same either way, and it does not depend on the standard library's sort algorithm.
    struct MeanOrderSorter {
        /// Lists up to this long are insertion-sorted.
        private static let insertionSortLimit = 64
        /// A key has eight one-byte digits…
        private static let digitCount = 8
        /// …of 256 values each.
        private static let bucketCount = 256

        /// The buffer the radix passes alternate with the list being sorted.
        private var scratch: [RankedCategory] = []
        /// Per byte position, how many keys have each byte value, then where each value's run starts.
        private var counts = [Int](repeating: 0, count: digitCount * bucketCount)

        /// Sorts `categories` by key, stably.
        mutating func sort(_ categories: inout [RankedCategory]) {
            if categories.count <= Self.insertionSortLimit {
                Self.insertionSort(&categories)
            } else {
                radixSort(&categories)
            }
        }

        /// Sorts `categories` by key, stably, by insertion.
        private static func insertionSort(_ categories: inout [RankedCategory]) {
            for next in categories.indices.dropFirst() {
                let moving = categories[next]
                var slot = next
                while slot > 0, categories[slot - 1].key > moving.key {
                    categories[slot] = categories[slot - 1]
                    slot -= 1
                }
                categories[slot] = moving
            }
        }

        /// Sorts `categories` by key, stably, by least-significant-digit radix sort.
        private mutating func radixSort(_ categories: inout [RankedCategory]) {
            let count = categories.count
            if scratch.count < count {
                scratch = categories
            }
            let sortedInScratch = categories.withUnsafeMutableBufferPointer { items in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    counts.withUnsafeMutableBufferPointer { counts in
                        Self.radixPasses(items: items, scratch: scratch, counts: counts, count: count)
                    }
                }
            }
            if sortedInScratch {
                categories.replaceSubrange(0..<count, with: scratch[0..<count])
            }
        }

        /// Runs the radix passes, moving the items between `items` and `scratch`; returns whether they ended in
        /// `scratch`. Buffer pointers keep the hot loops free of copy-on-write and bounds checks.
        private static func radixPasses(
            items: UnsafeMutableBufferPointer<RankedCategory>,
            scratch: UnsafeMutableBufferPointer<RankedCategory>,
            counts: UnsafeMutableBufferPointer<Int>,
            count: Int
        ) -> Bool {
            counts.initialize(repeating: 0)
            for item in items {
                for digit in 0..<digitCount {
                    counts[digit &* bucketCount &+ byte(digit, of: item.key)] &+= 1
                }
            }
            var source = items
            var destination = scratch
            for digit in 0..<digitCount {
                let buckets = digit &* bucketCount
                guard counts[buckets &+ byte(digit, of: source[0].key)] != count else { continue }
                var start = 0
                for bucket in buckets..<(buckets &+ bucketCount) {
                    (counts[bucket], start) = (start, start &+ counts[bucket])
                }
                for item in source[0..<count] {
                    let bucket = buckets &+ byte(digit, of: item.key)
                    destination[counts[bucket]] = item
                    counts[bucket] &+= 1
                }
                swap(&source, &destination)
            }
            return source.baseAddress == scratch.baseAddress
        }

        /// Byte number `digit` of `key`, counting from the least significant.
        private static func byte(_ digit: Int, of key: UInt64) -> Int {
            Int(truncatingIfNeeded: key >> UInt64(truncatingIfNeeded: digit &* 8)) & 0xFF
        }
    }
}
