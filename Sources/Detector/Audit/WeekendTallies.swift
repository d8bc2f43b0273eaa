import Shared

/// Dated lines and weekend lines counted per value and period, per value, and over the whole ledger.
struct WeekendTallies {
    /// One value (dictionary code) in one fiscal period.
    struct Cell: Hashable, Comparable {
        let code: Int32
        let period: FiscalPeriod

        /// Orders by code, then period.
        static func < (left: Cell, right: Cell) -> Bool {
            (left.code, left.period) < (right.code, right.period)
        }
    }

    /// A number of dated lines and how many of them are weekend lines.
    struct Tally {
        var lines = 0
        var weekendLines = 0

        /// The weekend share; 0 without lines.
        var share: Double { lines > 0 ? Double(weekendLines) / Double(lines) : 0 }

        /// Counts one more line.
        mutating func count(isWeekend: Bool) {
            lines += 1
            weekendLines += isWeekend ? 1 : 0
        }
    }

    /// Per value and period; lines without a value are left out.
    private(set) var cells: [Cell: Tally] = [:]
    /// Per value, over all periods, indexed by dictionary code.
    private var values: [Tally]
    /// All dated lines.
    private(set) var ledger = Tally()

    /// Counts the dated rows of `columns`; `codes` are the tested dimension's codes, `isWeekend` flags each row.
    init(_ columns: LedgerColumns, codes: [Int32], isWeekend: [Bool]) {
        values = Array(repeating: Tally(), count: Int(codes.max() ?? 0) + 1)
        for row in 0..<columns.count where columns.postingDay[row] != Int32.min {
            ledger.count(isWeekend: isWeekend[row])
            guard codes[row] != 0 else { continue }
            values[Int(codes[row])].count(isWeekend: isWeekend[row])
            cells[Cell(code: codes[row], period: columns.fiscalPeriod(ofRow: row)), default: Tally()]
                .count(isWeekend: isWeekend[row])
        }
    }

    /// The value of `cell` in all its other periods.
    func otherPeriods(of cell: Cell) -> Tally {
        let all = values[Int(cell.code)]
        let own = cells[cell] ?? Tally()
        return Tally(lines: all.lines - own.lines, weekendLines: all.weekendLines - own.weekendLines)
    }
}
