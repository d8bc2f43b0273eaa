import Foundation
import SampleData
import Shared
import Testing

/// Every labelled anomaly of a 20 000-row run is checked against the CSV lines it names.
@Suite struct AnomalyLabelTests {
    private let sample: GeneratedSample
    private var table: CSVTable { sample.table }

    init() throws {
        sample = try GeneratedSample.twentyThousandRows.get()
    }

    private func anomalies(_ kind: SampleAnomalyKind) -> [SampleAnomaly] {
        sample.labels.anomalies.filter { $0.kind == kind }
    }

    @Test func everyKindIsPresentWithValidLines() {
        #expect(anomalies(.pointOutlier).count == 20)
        #expect(anomalies(.duplicatePayment).count == 10)
        #expect(anomalies(.momSpike).count == 1)
        #expect(anomalies(.rootCause).count == 1)
        #expect(anomalies(.belowApprovalLimit).count == 1)
        for anomaly in sample.labels.anomalies {
            #expect(!anomaly.lines.isEmpty)
            #expect(anomaly.lines == anomaly.lines.sorted())
            #expect(anomaly.lines.allSatisfy { (2...20_001).contains($0) })
            #expect(!anomaly.description.isEmpty)
        }
    }

    @Test func pointOutliersAreFarAboveTheirAccount() throws {
        let labelled = Set(sample.labels.anomalies.flatMap(\.lines))
        var largestUnlabelledAmount: [String: Int64] = [:]
        for (offset, record) in table.dataRows.enumerated() where !labelled.contains(offset + 2) {
            let account = table.value(.generalLedgerAccount, in: record)
            largestUnlabelledAmount[account] = max(
                largestUnlabelledAmount[account, default: 0],
                table.amount(of: record)
            )
        }
        for outlier in anomalies(.pointOutlier) {
            let record = table.record(atLine: try #require(outlier.lines.first))
            let account = table.value(.generalLedgerAccount, in: record)
            let typical = try #require(outlier.expected).minorUnits
            #expect(outlier.lines.count == 1)
            #expect(account == outlier.dimensions["general_ledger_account"])
            #expect(table.value(.costCenterID, in: record) == outlier.dimensions["cost_center_id"])
            #expect(table.value(.supplier, in: record) == outlier.dimensions["supplier"])
            #expect(table.periodLabel(of: record) == outlier.period)
            #expect(table.amount(of: record) == outlier.actual?.minorUnits)
            #expect(table.amount(of: record) >= 50 * typical)
            #expect(table.amount(of: record) > largestUnlabelledAmount[account, default: 0])
        }
    }

    @Test func momSpikeRisesAtLeastSixtyPercentOnThePreviousPeriod() throws {
        let spike = try #require(anomalies(.momSpike).first)
        let costCentre = try #require(spike.dimensions["cost_center_id"])
        let period = try #require(spike.period)
        let previousPeriod = try #require(CSVTable.periodLabel(before: period))
        #expect(period.hasPrefix("2024-"))
        var spend: [String: Int64] = [:]
        var lines: [Int] = []
        for (offset, record) in table.dataRows.enumerated() where table.value(.costCenterID, in: record) == costCentre {
            let label = table.periodLabel(of: record)
            spend[label, default: 0] += table.signedAmount(of: record)
            if label == period { lines.append(offset + 2) }
        }
        #expect(spike.lines == lines)
        #expect(spike.expected?.minorUnits == spend[previousPeriod, default: 0])
        #expect(spike.actual?.minorUnits == spend[period, default: 0])
        #expect(spend[period, default: 0] * 10 >= spend[previousPeriod, default: 0] * 16)
        #expect(spend[previousPeriod, default: 0] > 0)
    }

    @Test func rootCauseExplainsThePeriodChange() throws {
        let rootCause = try #require(anomalies(.rootCause).first)
        let directorate = try #require(rootCause.dimensions["directorate"])
        let supplier = try #require(rootCause.dimensions["supplier"])
        let period = try #require(rootCause.period)
        let previousPeriod = try #require(CSVTable.periodLabel(before: period))
        var injected: Int64 = 0
        for line in rootCause.lines {
            let record = table.record(atLine: line)
            #expect(table.value(.directorate, in: record) == directorate)
            #expect(table.value(.supplier, in: record) == supplier)
            #expect(table.periodLabel(of: record) == period)
            injected += table.signedAmount(of: record)
        }
        #expect(injected == rootCause.actual?.minorUnits)
        // The change between the two periods, broken down by directorate × supplier, is led by the labelled pair.
        var change: [String: Int64] = [:]
        for record in table.dataRows {
            let label = table.periodLabel(of: record)
            guard label == period || label == previousPeriod else { continue }
            let key = table.value(.directorate, in: record) + " | " + table.value(.supplier, in: record)
            change[key, default: 0] +=
                label == period ? table.signedAmount(of: record) : -table.signedAmount(of: record)
        }
        let largest = try #require(change.max { abs($0.value) < abs($1.value) })
        #expect(largest.key == directorate + " | " + supplier)
        #expect(largest.value > injected / 2)
    }

    @Test func duplicatePaymentsRepeatSupplierAmountAndReference() throws {
        for duplicate in anomalies(.duplicatePayment) {
            #expect(duplicate.lines.count == 2)
            let original = table.record(atLine: duplicate.lines[0])
            let copy = table.record(atLine: duplicate.lines[1])
            #expect((1...4).contains(duplicate.lines[1] - duplicate.lines[0]))
            for column: FinanceExpenseColumn in [
                .supplier, .companyCodeCurrencyValue, .reference, .costCenterID, .debitCreditInd,
            ] {
                #expect(table.value(column, in: original) == table.value(column, in: copy))
            }
            #expect(table.value(.debitCreditInd, in: copy) == "S")
            #expect(table.value(.supplier, in: copy) == duplicate.dimensions["supplier"])
            #expect(table.value(.reference, in: copy) == duplicate.dimensions["reference"])
            #expect(table.amount(of: copy) == duplicate.actual?.minorUnits)
            let originalDate = try #require(table.postingDate(of: original))
            let copyDate = try #require(table.postingDate(of: copy))
            let days = try #require(CSVTable.utcCalendar.dateComponents([.day], from: originalDate, to: copyDate).day)
            #expect((0...3).contains(days))
        }
    }

    @Test func belowLimitClusterStaysJustUnderTheApprovalLimit() throws {
        let cluster = try #require(anomalies(.belowApprovalLimit).first)
        let limit = sample.labels.approvalLimit.minorUnits
        #expect(cluster.lines.count == 15)
        #expect(cluster.expected?.minorUnits == limit)
        var total: Int64 = 0
        for line in cluster.lines {
            let record = table.record(atLine: line)
            let amount = table.amount(of: record)
            #expect(amount * 100 >= limit * 97 && amount < limit)
            #expect(table.value(.debitCreditInd, in: record) == "S")
            #expect(table.value(.supplier, in: record) == cluster.dimensions["supplier"])
            #expect(table.value(.costCenterID, in: record) == cluster.dimensions["cost_center_id"])
            #expect(table.periodLabel(of: record) == cluster.period)
            total += amount
        }
        #expect(total == cluster.actual?.minorUnits)
    }
}
