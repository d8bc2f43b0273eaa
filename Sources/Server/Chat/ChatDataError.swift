/// A dashboard document, or a field in one, that an answer needs is missing or has the wrong type.
///
/// The chat never answers from a missing field as if it were zero (the original system reported 0 anomalies
/// whatever the data because it read keys that did not exist); it throws this, naming the document and field.
public enum ChatDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No document of this name in the latest run.
    case missingDocument(String)
    /// The document has no such field (a dotted path with indices, such as `top_findings[0].delta`).
    case missingField(document: String, field: String)
    /// The field holds another type of value than the one expected (`object`, `array`, `string`, `number`,
    /// `integer`, `amount`).
    case unexpectedValue(document: String, field: String, expected: String)

    /// `document "summary" has no field "findings_by_severity"`; names only, no values.
    public var description: String {
        switch self {
        case .missingDocument(let name): "no dashboard document \"\(name)\""
        case .missingField(let document, let field): "document \"\(document)\" has no field \"\(field)\""
        case .unexpectedValue(let document, let field, let expected):
            "field \"\(field)\" of document \"\(document)\" is not \(expected.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(expected)"
        }
    }
}
