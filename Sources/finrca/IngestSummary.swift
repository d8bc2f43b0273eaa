import Foundation
import Ingestor
import Shared

/// The human-readable summary printed after each file.
enum IngestSummary {
    static func render(_ report: IngestReport) -> String {
        var lines: [String] = []
        switch report.status {
        case .loaded:
            lines.append(
                "\(report.file): loaded as batch \(report.batchID) — \(grouped(report.rowsLoaded)) rows stored, "
                    + "\(grouped(report.rowsRejected)) rejected, \(grouped(report.rowsRead)) read "
                    + String(
                        format: "in %.2f s (%@ rows/s, %.1f MB/s)",
                        report.seconds,
                        grouped(Int(report.rowsPerSecond)),
                        Double(report.fileBytes) / 1_000_000 / max(report.seconds, 1e-9)
                    )
            )
            for year in report.fiscalYears.keys.sorted() {
                let value = report.fiscalYears[year]!
                lines.append("  fiscal year \(year): \(grouped(value.rows)) rows, signed total \(value.total)")
            }
            lines.append("  total \(report.total)  sha256 \(report.sha256.prefix(16))…  profile \(report.profile)")
            if report.indexSeconds > 0 {
                lines.append(
                    String(
                        format: "  partition indexes built or summarised in %.2f s before commit",
                        report.indexSeconds
                    )
                )
            }
            if let replaced = report.replaced { lines.append("  replaced batch \(replaced)") }
        case .duplicate:
            lines.append(
                "\(report.file): \(report.message ?? "already loaded"); batch \(report.batchID) recorded as duplicate"
            )
        case .rejected:
            lines.append("\(report.file): REJECTED — \(report.message ?? "")")
        }
        if report.rowsRejected > 0 {
            for reject in report.rejectsSample.prefix(5) {
                let column = reject.column.map { " column \"\($0)\"" } ?? ""
                lines.append("  \(report.file):\(reject.line):\(column) \(reject.reason)")
            }
            if report.rowsRejected > 5 {
                lines.append("  … \(report.rowsRejected - 5) more in table ingest_rejects, batch \(report.batchID)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }
}
