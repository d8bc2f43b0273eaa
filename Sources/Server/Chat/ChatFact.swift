public import Shared

/// One figure an answer uses: a label, the value exactly as the documents hold it, and where it came from.
///
/// The value is never reformatted or rounded here: `12345678.90` stays `12345678.90`. Formatting for people is
/// ``AnswerComposer``'s job, and ``NumberGrounding`` checks a model's answer against these exact values.
public struct ChatFact: Sendable, Hashable {
    /// What kind of value a fact holds, which decides how it is written and compared.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Money: an exact decimal in ``ChatFact/currency``.
        case amount
        /// A whole number of things (findings, lines).
        case count
        /// A fraction, written as a percentage (`0.603` → 60.3 %).
        case ratio
        /// A percentage already (`12.3` → 12.3 %).
        case percent
        /// A score or statistic without unit.
        case score
        /// Words: an explanation, a period, a name.
        case text
    }

    /// What the value is, in the answer's language: `total spend`, `temuan kritis`.
    public var label: String
    /// The value exactly as in the documents (or, for a computed difference, computed exactly from them).
    public var value: String
    /// What kind of value it is.
    public var kind: Kind
    /// The currency of an amount.
    public var currency: String?
    /// The document it came from: `summary`, `anomalies_trends`, or `findings` for findings rows.
    public var document: String
    /// The field within it: `total_spend`, `changes[0].delta`, `points[5].amount − points[4].amount`.
    public var field: String

    /// Creates a fact.
    public init(label: String, value: String, kind: Kind, currency: String? = nil, document: String, field: String) {
        self.label = label
        self.value = value
        self.kind = kind
        self.currency = currency
        self.document = document
        self.field = field
    }

    /// `summary.total_spend`.
    public var citation: String { field.isEmpty ? document : "\(document).\(field)" }

    /// The fact as JSON: `{"label", "value", "kind", "currency"?, "source"}`; a numeric value stays a string so
    /// no client parses it into a float.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("label", .string(label)), ("value", .string(value)), ("kind", .string(kind.rawValue)),
        ]
        if let currency { pairs.append(("currency", .string(currency))) }
        pairs.append(("source", .string(citation)))
        return .object(pairs)
    }
}
