import Shared

/// The duplicate payment test: the same supplier paid the same amount again within a few days, or under the
/// same reference on any date (see ``DuplicatePaymentGroups`` for the exact rule).
///
/// The day window is what keeps legitimate recurring payments out: the same monthly rent is 28–31 days apart,
/// far outside the default window of 3 days, and a recurring payment carries a new reference each time.
/// One finding per group: actual = the total booked, expected = one payment, so the delta is the money that
/// may have been paid twice; the period is that of the latest line, the suspected repeat.
struct DuplicatePaymentAudit {
    let settings: AuditConfiguration.DuplicatePayments
    let currency: String
    let evidenceLimit: Int

    /// One finding per duplicate group, in the order of the groups' first rows.
    func findings(in columns: LedgerColumns) -> [FindingDraft] {
        let groups = DuplicatePaymentGroups(windowDays: settings.windowDays).groups(in: columns)
        return groups.map { finding(for: $0, in: columns) }
    }

    private func finding(for rows: [Int], in columns: LedgerColumns) -> FindingDraft {
        let first = rows[0]
        let payment = Money(minorUnits: columns.amount[first])
        let supplier = DimensionValue(.supplier, columns.dictionary(.supplier).value(columns.codes(.supplier)[first])!)
        let costCentres = Set(rows.map { columns.codes(.costCenter)[$0] })
        var dimensions = [supplier]
        if costCentres.count == 1, let costCentre = columns.dictionary(.costCenter).value(costCentres.first!) {
            dimensions.insert(DimensionValue(.costCenter, costCentre), at: 0)
        }
        let days = rows.map { columns.postingDay[$0] }
        let daySpan = days.contains(Int32.min) ? nil : Int(days.max()!) - Int(days.min()!)
        let references = Set(rows.map { columns.referenceText(ofRow: $0) })
        let sharedReference = references.count == 1 ? references.first! : nil
        let evidence = columns.evidence(rows, limit: evidenceLimit)
        let repeated = Money(minorUnits: payment.minorUnits * Int64(rows.count - 1))

        var details = ["lines": String(rows.count), "window_days": String(settings.windowDays)]
        details["days_apart"] = daySpan.map(String.init)
        details["reference"] = sharedReference
        return FindingDraft(
            kind: .duplicatePayment,
            period: columns.fiscalPeriod(ofRow: rows[rows.count - 1]),
            dimensions: dimensions,
            actual: columns.total(of: rows),
            expected: payment,
            score: Double(rows.count - 1),
            explanation: explanation(
                supplier: supplier.value,
                payment: payment,
                times: rows.count,
                daySpan: daySpan,
                reference: sharedReference,
                lines: AuditText.lines(evidence, total: rows.count),
                repeated: repeated
            ),
            evidence: evidence,
            details: details
        )
    }

    /// "Supplier X was paid IDR 12.5m twice within 2 days (lines 1044 and 1047 of batch 3); IDR 12.5m may be a
    /// duplicate."
    private func explanation(
        supplier: String,
        payment: Money,
        times: Int,
        daySpan: Int?,
        reference: String?,
        lines: String,
        repeated: Money
    ) -> String {
        let verb = payment.minorUnits > 0 ? "was paid" : "was credited"
        let timesText = times == 2 ? "twice" : times == 3 ? "three times" : "\(times) times"
        let when = [
            daySpan.map { timing(daySpan: $0, times: times) }, reference.map { "under the same reference \($0)" },
        ]
        .compactMap(\.self)
        let size = Money(minorUnits: abs(payment.minorUnits))
        let repeatedSize = Money(minorUnits: abs(repeated.minorUnits))
        return AuditText.subject(.supplier, supplier) + " \(verb) \(size.compact(currency: currency)) \(timesText) "
            + when.joined(separator: " ") + " (\(lines)); \(repeatedSize.compact(currency: currency)) may be "
            + (times == 2 ? "a duplicate." : "duplicates.")
    }

    /// "on the same day", "within 2 days", or for two lines further apart than the window (linked by their
    /// reference) "40 days apart".
    private func timing(daySpan: Int, times: Int) -> String {
        if daySpan == 0 { return "on the same day" }
        if times == 2, daySpan > settings.windowDays { return "\(daySpan) days apart" }
        return "within \(daySpan) day" + (daySpan == 1 ? "" : "s")
    }
}
