public import Foundation
public import Shared

/// Renders a claimed alert as an ``EmailMessage``: a subject naming the most severe finding, a text part and an
/// HTML part with a compact table of the findings (amounts, the explanation sentence, evidence lines, a link).
///
/// The Message-ID is the alert's idempotency key at the sender's domain, so a resent alert carries the same
/// Message-ID and mail clients (and people) can recognise the repeat.
public enum AlertEmail {
    /// Evidence lines listed per finding; the rest are counted.
    static let evidenceShown = 5

    /// The message for `alert` to `recipients`, from `from`, with links under `apiBaseURL`.
    ///
    /// - Throws: ``EmailMessageError`` when an address is invalid.
    public static func message(
        for alert: ClaimedAlert,
        to recipients: [String],
        from: String,
        apiBaseURL: String,
        date: Date = Date()
    ) throws(EmailMessageError) -> EmailMessage {
        let domain = from.split(separator: "@").last.map(String.init) ?? "finrca.invalid"
        return try EmailMessage(
            from: from,
            to: recipients,
            subject: subject(alert),
            textBody: text(alert, apiBaseURL: apiBaseURL),
            htmlBody: html(alert, apiBaseURL: apiBaseURL),
            messageID: "\(alert.idempotencyKey)@\(domain)",
            date: date
        )
    }

    /// `[finrca] HIGH mom_change 2024-05: directorate=Finance (+GBP 1.2m)` for one finding;
    /// `[finrca] 7 findings, 2 high — route audit-team` for a digest.
    static func subject(_ alert: ClaimedAlert) -> String {
        guard alert.findings.count != 1 || alert.mode == .digest else {
            let finding = alert.findings[0]
            var subject = "[finrca] \(finding.severity.rawValue.uppercased()) \(finding.kind.rawValue)"
            if let period = finding.period { subject += " \(period)" }
            if !finding.dimensionPath.isEmpty { subject += ": \(finding.dimensionPath)" }
            if let delta = finding.delta.flatMap(Money.init(decimalText:)) {
                subject += " (\(delta.minorUnits >= 0 ? "+" : "")\(delta.compact(currency: finding.currency)))"
            }
            return subject
        }
        let top = alert.findings.map(\.severity).max() ?? .info
        let atTop = alert.findings.filter { $0.severity == top }.count
        let noun = alert.findings.count == 1 ? "finding" : "findings"
        return "[finrca] \(alert.findings.count) \(noun), \(atTop) \(top.rawValue) — route \(alert.route)"
    }

    static func text(_ alert: ClaimedAlert, apiBaseURL: String) -> String {
        var lines = [
            "finrca reports \(alert.findings.count) finding\(alert.findings.count == 1 ? "" : "s") for route \(alert.route).",
            "",
        ]
        for finding in alert.findings {
            var heading = "[\(finding.severity.rawValue.uppercased())] \(finding.kind.rawValue)"
            if let period = finding.period { heading += " · \(period)" }
            if !finding.dimensionPath.isEmpty { heading += " · \(finding.dimensionPath)" }
            lines.append(heading)
            let amounts = amountParts(finding)
            if !amounts.isEmpty {
                lines.append(
                    "  " + amounts.map { "\($0.label) \($0.value)" }.joined(separator: " · ") + " \(finding.currency)"
                )
            }
            lines.append("  " + finding.explanation)
            for evidence in finding.evidenceLines.prefix(evidenceShown) {
                lines.append("  Evidence: \(evidenceText(evidence)): \(amount(evidence.amount))")
            }
            if finding.evidenceLines.count > evidenceShown {
                lines.append("  … and \(finding.evidenceLines.count - evidenceShown) more lines")
            }
            lines.append("  Details: \(apiBaseURL)/findings/\(finding.id)")
            lines.append("")
        }
        lines.append("-- ")
        lines.append("Sent by finrca. Alert \(alert.idempotencyKey); a resend carries the same key and Message-ID.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func html(_ alert: ClaimedAlert, apiBaseURL: String) -> String {
        let cell = "style=\"padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top\""
        let number =
            "style=\"padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top;text-align:right;white-space:nowrap\""
        var html = """
            <!DOCTYPE html>
            <html><body style="font-family:sans-serif;font-size:14px">
            <p>finrca reports \(alert.findings.count) finding\(alert.findings.count == 1 ? "" : "s") for route <b>\(escape(alert.route))</b>.</p>
            <table style="border-collapse:collapse">
            <tr><th \(cell)>Severity</th><th \(cell)>Finding</th><th \(cell)>Period</th><th \(cell)>Where</th>\
            <th \(number)>Actual</th><th \(number)>Expected</th><th \(number)>Change</th></tr>

            """
        for finding in alert.findings {
            var evidence = finding.evidenceLines.prefix(evidenceShown)
                .map { "\(escape(evidenceText($0))): \(escape(amount($0.amount)))" }
            if finding.evidenceLines.count > evidenceShown {
                evidence.append("… and \(finding.evidenceLines.count - evidenceShown) more lines")
            }
            let link = escape("\(apiBaseURL)/findings/\(finding.id)")
            html += """
                <tr><td \(cell)><b>\(escape(finding.severity.rawValue.uppercased()))</b></td><td \(cell)>\(escape(finding.kind.rawValue))</td>\
                <td \(cell)>\(escape(finding.period ?? ""))</td><td \(cell)>\(escape(finding.dimensionPath))</td>\
                <td \(number)>\(escape(finding.actual.map(amount) ?? ""))</td><td \(number)>\(escape(finding.expected.map(amount) ?? ""))</td>\
                <td \(number)>\(escape(finding.delta.map { signed(amount($0)) } ?? ""))</td></tr>
                <tr><td \(cell)></td><td colspan="6" \(cell)>\(escape(finding.explanation))\
                \(evidence.isEmpty ? "" : "<br><small>Evidence: " + evidence.joined(separator: "; ") + "</small>")\
                <br><a href="\(link)">Details</a></td></tr>

                """
        }
        html += """
            </table>
            <p style="color:#666;font-size:12px">Amounts in \(escape(alert.findings.first?.currency ?? "")). \
            Sent by finrca. Alert \(escape(alert.idempotencyKey)); a resend carries the same key and Message-ID.</p>
            </body></html>

            """
        return html
    }

    private static func amountParts(_ finding: AlertFinding) -> [(label: String, value: String)] {
        var parts: [(String, String)] = []
        if let actual = finding.actual { parts.append(("Actual", amount(actual))) }
        if let expected = finding.expected { parts.append(("expected", amount(expected))) }
        if let delta = finding.delta { parts.append(("change", signed(amount(delta)))) }
        return parts
    }

    /// `1,234,567.89` when the text is an amount with at most two decimals, else the text as stored.
    private static func amount(_ text: String) -> String {
        Money(decimalText: text)?.grouped ?? text
    }

    private static func signed(_ text: String) -> String {
        text.hasPrefix("-") ? text : "+" + text
    }

    private static func evidenceText(_ line: AlertEvidenceLine) -> String {
        "\(line.fileName ?? "batch \(line.batchID)") line \(line.line)"
    }

    /// Escapes text for HTML element content and double-quoted attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
