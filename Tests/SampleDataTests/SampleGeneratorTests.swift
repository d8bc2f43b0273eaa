import Foundation
import SampleData
import Shared
import Testing

@Suite struct SampleGeneratorTests {
    @Test func sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws {
        let first = try GeneratedSample(rows: 3_000, seed: 42)
        let again = try GeneratedSample(rows: 3_000, seed: 42)
        let other = try GeneratedSample(rows: 3_000, seed: 43)
        #expect(first.csvBytes == again.csvBytes)
        #expect(first.labelsJSON == again.labelsJSON)
        #expect(first.csvBytes != other.csvBytes)
        #expect(first.labelsJSON != other.labelsJSON)
    }

    @Test func writesHeaderAndExactlyTheRequestedRows() throws {
        let sample = try GeneratedSample(rows: 2_500, seed: 7)
        let columnNames = FinanceExpenseColumn.allCases.map(\.rawValue)
        #expect(sample.table.header == columnNames)
        #expect(sample.table.dataRows.count == 2_500)
        #expect(sample.table.records.allSatisfy { $0.count == columnNames.count })
        // No BOM, `\n` line ends only, and no field with a line break: one physical line per record.
        #expect(Array(sample.csvBytes.prefix(3)) == Array("pos".utf8))
        #expect(!sample.csvBytes.contains(UInt8(ascii: "\r")))
        #expect(sample.csvBytes.last == UInt8(ascii: "\n"))
        #expect(sample.csvBytes.count { $0 == UInt8(ascii: "\n") } == 2_501)
        #expect(sample.labels.rows == 2_500)
        #expect(sample.labels.rowCountByFiscalYear.values.reduce(0, +) == 2_500)
    }

    @Test func quotesFieldsWithCommasAndQuotes() throws {
        let sample = try GeneratedSample.twentyThousandRows.get()
        let suppliers = Set(sample.table.dataRows.map { sample.table.value(.supplier, in: $0) })
        #expect(suppliers.contains { $0.contains(",") })
        #expect(suppliers.contains { $0.contains("\"") })
        #expect(sample.table.dataRows.contains { sample.table.value(.documentHeaderText, in: $0).contains(",") })
        let text = String(decoding: sample.csvBytes, as: UTF8.self)
        #expect(text.contains(",\"CV \"\""))
    }

    @Test func yearlyTotalsEqualAnIndependentSumOfTheCSV() throws {
        let sample = try GeneratedSample.twentyThousandRows.get()
        var totals: [String: Int64] = [:]
        var counts: [String: Int] = [:]
        var credits = 0
        for record in sample.table.dataRows {
            let year = sample.table.value(.generalLedgerFiscalYear, in: record)
            let indicator = sample.table.value(.debitCreditInd, in: record)
            #expect(indicator == "S" || indicator == "H")
            if indicator == "H" { credits += 1 }
            totals[year, default: 0] += sample.table.signedAmount(of: record)
            counts[year, default: 0] += 1
        }
        #expect(sample.labels.totalsByFiscalYear.mapValues(\.minorUnits) == totals)
        #expect(sample.labels.rowCountByFiscalYear == counts)
        #expect(Set(totals.keys) == ["2022", "2023", "2024"])
        #expect((400...1_600).contains(credits))  // about 5 % of 20 000
    }

    @Test func rowsRunThroughThePeriodsInOrderOnMostlyWeekdays() throws {
        let sample = try GeneratedSample(rows: 5_000, seed: 11)
        let table = sample.table
        var periodIndices: [Int] = []
        var weekendRows = 0
        for record in table.dataRows {
            let year = try #require(Int(table.value(.generalLedgerFiscalYear, in: record)))
            let period = try #require(Int(table.value(.postingPeriod, in: record)))
            periodIndices.append((year - 2022) * 12 + period - 1)
            #expect(table.value(.postingDate, in: record).hasPrefix(table.periodLabel(of: record) + "-"))
            let date = try #require(table.postingDate(of: record))
            let weekday = CSVTable.utcCalendar.component(.weekday, from: date)
            if weekday == 1 || weekday == 7 { weekendRows += 1 }
        }
        #expect(periodIndices == periodIndices.sorted())
        #expect(Set(periodIndices) == Set(0..<36))
        #expect(weekendRows < 5_000 / 10)
    }

    @Test func referencesAreUniqueExceptForDuplicatePayments() throws {
        let sample = try GeneratedSample.twentyThousandRows.get()
        let references = sample.table.dataRows.map { sample.table.value(.reference, in: $0) }
        let duplicates = sample.labels.anomalies.filter { $0.kind == .duplicatePayment }
        #expect(Set(references).count == references.count - duplicates.count)
    }

    @Test(arguments: [0, 1, 50, 200])
    func smallRunsWriteExactlyTheirRows(rows: Int) throws {
        let sample = try GeneratedSample(rows: rows, seed: 3)
        #expect(sample.table.dataRows.count == rows)
        #expect(sample.labels.rowCountByFiscalYear.values.reduce(0, +) == rows)
        let total = sample.table.dataRows.reduce(Int64(0)) { $0 + sample.table.signedAmount(of: $1) }
        #expect(sample.labels.totalsByFiscalYear.values.reduce(Int64(0)) { $0 + $1.minorUnits } == total)
        for anomaly in sample.labels.anomalies {
            #expect(anomaly.lines.allSatisfy { (2...rows + 1).contains($0) })
        }
        if rows == 200 {
            #expect(Set(sample.labels.anomalies.map(\.kind)) == Set(SampleAnomalyKind.allCases))
        }
    }

    @Test func labelsFileIsSnakeCaseJSONOfTheReturnedLabels() throws {
        let sample = try GeneratedSample(rows: 2_000, seed: 5)
        let decoded = try JSONDecoder().decode(SampleLabels.self, from: sample.labelsJSON)
        #expect(decoded == sample.labels)
        let text = String(decoding: sample.labelsJSON, as: UTF8.self)
        for key in [
            "first_fiscal_year", "fiscal_years", "approval_limit", "totals_by_fiscal_year", "row_count_by_fiscal_year",
        ] {
            #expect(text.contains("\"\(key)\""))
        }
        #expect(text.contains("\"approval_limit\" : \"50000000.00\""))
        #expect(
            decoded.seed == 5 && decoded.currency == "IDR" && decoded.firstFiscalYear == 2022
                && decoded.fiscalYears == 3
        )
    }

    @Test func rejectsAnImpossibleConfiguration() {
        let configuration = SampleGeneratorConfiguration(rows: 10, seed: 1, fiscalYears: 0)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("finrca-sample-\(UUID().uuidString).csv").path
        #expect(throws: SampleGeneratorError.self) {
            try SampleGenerator(configuration: configuration).write(csvPath: path, labelsPath: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
