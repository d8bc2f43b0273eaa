import Foundation

/// Writes a deterministic synthetic general-ledger expense extract (CSV) with injected, labelled anomalies.
///
/// The CSV is RFC 4180 with a header line of the 31 ``FinanceExpenseColumn`` names, `,` separators, `\n`
/// line ends, UTF-8 without BOM; a field is quoted only when it contains a comma or a double quote, and no
/// field contains a line break, so data row k (0-based) is line k + 2. Rows are in time order: row i falls
/// in period ⌊i·P/N⌋ of the P = 12 · fiscal years monthly periods. Everything derives from the seed alone,
/// so a configuration always yields the same bytes on every platform.
///
/// Rows are streamed through a 1 MiB buffer; memory does not grow with the row count.
/// See ``SampleAnomalyKind`` for the injected anomalies; small runs get fewer of them or none (a 50-row run
/// over three years has none), but always exactly `rows` data rows.
public struct SampleGenerator: Sendable {
    /// What to generate.
    public let configuration: SampleGeneratorConfiguration

    /// Creates a generator for `configuration`.
    public init(configuration: SampleGeneratorConfiguration) {
        self.configuration = configuration
    }

    /// Streams the CSV to `csvPath` (and the labels JSON to `labelsPath` when given) and returns the labels.
    ///
    /// Existing files are overwritten. The labels JSON is pretty printed with sorted keys.
    /// - Throws: ``SampleGeneratorError`` for an invalid configuration or an uncreatable file, or the
    ///   underlying file error.
    public func write(csvPath: String, labelsPath: String?) throws -> SampleLabels {
        try configuration.validate()
        let catalog = SampleCatalog(configuration: configuration)
        let timeline = PeriodTimeline(configuration: configuration)
        var planner = AnomalyPlanner(configuration: configuration, catalog: catalog, timeline: timeline)
        let plan = planner.plan()
        var synthesizer = RowSynthesizer(configuration: configuration, catalog: catalog, plan: plan)
        var recorder = LabelRecorder(configuration: configuration, catalog: catalog, plan: plan, timeline: timeline)
        let encoder = LedgerRowEncoder(catalog: catalog, currency: configuration.currency)

        var writer = try CSVFileWriter(path: csvPath)
        try encoder.writeHeader(to: &writer)
        for periodIndex in 0..<timeline.periodCount {
            let period = PeriodContext(index: periodIndex, timeline: timeline)
            for index in period.rows {
                let planned = plan.plannedRows[index]
                let row = synthesizer.row(
                    at: index,
                    offset: index - period.rows.lowerBound,
                    in: period,
                    planned: planned,
                    spikeSpend: recorder.momSpikeSpend
                )
                try encoder.write(row, in: period, to: &writer)
                recorder.record(row, at: index, in: period.fiscalPeriod, planned: planned)
            }
        }
        try writer.close()

        let labels = recorder.labels()
        if let labelsPath {
            try Self.encodeLabels(labels).write(to: URL(fileURLWithPath: labelsPath))
        }
        return labels
    }

    /// The labels as pretty-printed JSON with sorted keys and a final line break.
    static func encodeLabels(_ labels: SampleLabels) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(labels)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
