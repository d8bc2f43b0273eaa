import Shared

/// A finding as `finrca findings` prints it for a person: id, severity, kind, period and review on one line,
/// the sentence, then up to five evidence lines.
enum FindingText {
    static func lines(_ finding: JSONValue) -> String {
        let id = finding["id"]?.intValue.map(String.init) ?? "?"
        let severity = finding["severity"]?.stringValue ?? "?"
        let kind = finding["kind"]?.stringValue ?? "?"
        let period = finding["period"]?.stringValue ?? ""
        let review = finding["review_status"]?.stringValue ?? ReviewStatus.open.rawValue
        var text = "#\(id) [\(severity)] \(kind) \(period)\(review == ReviewStatus.open.rawValue ? "" : " (\(review))")"
        text += "\n    " + (finding["explanation"]?.stringValue ?? "")
        let evidence = finding["evidence"]?.arrayValue ?? []
        if !evidence.isEmpty {
            let shown = evidence.prefix(5)
                .map { line in
                    let place =
                        line["file_name"]?.stringValue ?? "batch \(line["batch_id"]?.intValue.map(String.init) ?? "?")"
                    return "\(place) line \(line["line"]?.intValue.map(String.init) ?? "?")"
                }
            text += "\n    evidence: " + shown.joined(separator: ", ") + (evidence.count > 5 ? ", …" : "")
        }
        return text
    }
}
