import Testing

@testable import Ingestor

/// The commit / roll back / reject decision of a load, without a database.
@Suite("Load decision")
struct LoadDecisionTests {
    /// `read` data rows of which `rejected` were refused; the accepted ones in fiscal year 2024, GBP 1.00 each.
    static func totals(read: Int, rejected: Int) -> TranscodeTotals {
        var totals = TranscodeTotals()
        totals.rowsRead = read
        totals.rowsRejected = rejected
        totals.rowsAccepted = read - rejected
        if read > rejected {
            totals.years = [2024: .init(rows: read - rejected, minorUnits: Int64(read - rejected) * 100)]
        }
        return totals
    }

    static func facts(
        read: Int = 1_000,
        rejected: Int = 0,
        identical: LoadedBatch? = nil,
        replace: Bool = false,
        previous: Int64? = nil,
        stored: [Int: TranscodeTotals.YearTotal]? = nil
    ) -> LoadFacts {
        let totals = totals(read: read, rejected: rejected)
        return LoadFacts(
            totals: totals,
            maximumRejectShare: 0.01,
            identicalBatch: identical,
            replace: replace,
            previousBatch: previous,
            stored: stored ?? totals.years
        )
    }

    static let earlier = LoadedBatch(id: 7, fileName: "march.csv", sha256: String(repeating: "a", count: 64))

    @Test("a clean file whose totals the database confirms commits")
    func clean() {
        #expect(LoadDecision.decide(Self.facts()) == .commit(replacing: nil))
    }

    @Test("rejected rows under the allowed share: commit (the rejects are kept)")
    func underShare() {
        #expect(LoadDecision.decide(Self.facts(rejected: 9)) == .commit(replacing: nil))
    }

    @Test("exactly the allowed share still commits; one row more does not")
    func atShare() {
        #expect(LoadDecision.decide(Self.facts(rejected: 10)) == .commit(replacing: nil))
        #expect(
            LoadDecision.decide(Self.facts(rejected: 11))
                == .tooManyRejects(
                    message: "11 of 1000 rows (1.10 %) were rejected, more than the allowed 1.00 %; nothing was loaded"
                )
        )
    }

    @Test("every row rejected: too many rejects")
    func allRejected() {
        #expect(
            LoadDecision.decide(Self.facts(read: 3, rejected: 3))
                == .tooManyRejects(
                    message: "3 of 3 rows (100.00 %) were rejected, more than the allowed 1.00 %; nothing was loaded"
                )
        )
    }

    @Test("the same bytes already loaded: duplicate, rolled back")
    func duplicate() {
        #expect(LoadDecision.decide(Self.facts(identical: Self.earlier)) == .duplicate(of: Self.earlier))
    }

    @Test("too many rejects is decided before the duplicate check")
    func rejectsBeforeDuplicate() {
        guard case .tooManyRejects = LoadDecision.decide(Self.facts(rejected: 500, identical: Self.earlier)) else {
            Issue.record("expected tooManyRejects")
            return
        }
    }

    @Test("--replace with an earlier batch of the same name: commit, replacing it")
    func replace() {
        #expect(LoadDecision.decide(Self.facts(replace: true, previous: 7)) == .commit(replacing: 7))
    }

    @Test("--replace without an earlier batch: a plain commit; an earlier batch without --replace is kept")
    func replaceWithoutPrevious() {
        #expect(LoadDecision.decide(Self.facts(replace: true, previous: nil)) == .commit(replacing: nil))
        #expect(LoadDecision.decide(Self.facts(replace: false, previous: 7)) == .commit(replacing: nil))
    }

    @Test("the database holds one row fewer, or one cent more, or another year: integrity failure")
    func totalsMismatch() {
        #expect(
            LoadDecision.decide(Self.facts(stored: [2024: .init(rows: 999, minorUnits: 100_000)])) == .integrityFailure
        )
        #expect(
            LoadDecision.decide(Self.facts(stored: [2024: .init(rows: 1_000, minorUnits: 100_001)]))
                == .integrityFailure
        )
        #expect(
            LoadDecision.decide(Self.facts(stored: [2023: .init(rows: 1_000, minorUnits: 100_000)]))
                == .integrityFailure
        )
        #expect(LoadDecision.decide(Self.facts(stored: [:])) == .integrityFailure)
    }

    @Test("an empty file (header only) commits an empty batch; stored rows for it would be an integrity failure")
    func emptyFile() {
        #expect(LoadDecision.decide(Self.facts(read: 0)) == .commit(replacing: nil))
        #expect(
            LoadDecision.decide(Self.facts(read: 0, stored: [2024: .init(rows: 1, minorUnits: 1)])) == .integrityFailure
        )
    }
}
