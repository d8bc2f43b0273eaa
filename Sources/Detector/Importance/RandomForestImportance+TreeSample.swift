extension RandomForestImportance {
    /// The rows one tree trains on, stored in node order: each node of the growing tree owns a contiguous range,
    /// so that the passes over a node's rows read memory in sequence.
    struct TreeSample {
        /// What a split needs of one row besides its codes.
        struct Row {
            /// The value the row's prediction should approach.
            var target: Double
            /// The leaf's weight times the number of times the bootstrap drew it.
            var weight: Double
            /// The number of times the bootstrap drew the leaf.
            var draws: Int32
        }

        /// The rows, in node order.
        private(set) var rows: [Row]
        /// The rows' codes, row-major: row `i`'s code in dimension `d` is `codes[i * width + d]`.
        private(set) var codes: [Int32]
        /// The number of dimensions.
        let width: Int
        /// Scratch space for the rows that go right while a range is partitioned, as large as the whole sample.
        private var rightRows: [Row]
        private var rightCodes: [Int32]

        /// A sample given row by row.
        init(rows: [Row], codes: [Int32], width: Int) {
            precondition(codes.count == rows.count * width, "every row needs one code per dimension")
            self.rows = rows
            self.codes = codes
            self.width = width
            rightRows = rows
            rightCodes = codes
        }

        /// The leaves that `bootstrap` drew at least once, in increasing leaf order.
        init(leaves: Leaves, bootstrap: Bootstrap) {
            var rows: [Row] = []
            var codes: [Int32] = []
            rows.reserveCapacity(bootstrap.inBag.count)
            codes.reserveCapacity(bootstrap.inBag.count * leaves.dimensionCount)
            for leaf in bootstrap.inBag.lazy.map(Int.init) {
                let draws = bootstrap.draws[leaf]
                let weight = leaves.weights[leaf] * Double(draws)
                rows.append(Row(target: leaves.target[leaf], weight: weight, draws: draws))
                for dimension in 0..<leaves.dimensionCount {
                    codes.append(leaves.codes[dimension][leaf])
                }
            }
            self.init(rows: rows, codes: codes, width: leaves.dimensionCount)
        }

        /// The code of the row at `position` in `dimension`.
        func code(at position: Int, in dimension: Int) -> Int32 {
            codes[position * width + dimension]
        }

        /// Moves the rows of `range` whose code in `dimension` satisfies `goesLeft` to its front, keeping the
        /// order within each side, and returns where the other side starts.
        mutating func partition(_ range: Range<Int>, dimension: Int, goesLeft: (Int32) -> Bool) -> Int {
            let width = width
            var leftEnd = range.lowerBound
            var rightEnd = 0
            // Every row is written to both sides and only one side's end moves: no branch to mispredict on a
            // coin-flip split. Buffer pointers keep the loop free of copy-on-write checks.
            rows.withUnsafeMutableBufferPointer { rows in
                codes.withUnsafeMutableBufferPointer { codes in
                    rightRows.withUnsafeMutableBufferPointer { rightRows in
                        rightCodes.withUnsafeMutableBufferPointer { rightCodes in
                            for position in range {
                                let isLeft = goesLeft(codes[position &* width &+ dimension]) ? 1 : 0
                                let row = rows[position]
                                rows[leftEnd] = row
                                rightRows[rightEnd] = row
                                for offset in 0..<width {
                                    let code = codes[position &* width &+ offset]
                                    codes[leftEnd &* width &+ offset] = code
                                    rightCodes[rightEnd &* width &+ offset] = code
                                }
                                leftEnd &+= isLeft
                                rightEnd &+= 1 &- isLeft
                            }
                        }
                    }
                }
            }
            rows.replaceSubrange(leftEnd..<range.upperBound, with: rightRows[..<rightEnd])
            codes.replaceSubrange(leftEnd * width..<range.upperBound * width, with: rightCodes[..<(rightEnd * width)])
            return leftEnd
        }
    }
}
