import Shared

/// A position in a dashboard document that reads fields strictly: a missing field or a value of the wrong type
/// throws ``ChatDataError`` naming the document and the path, never a default.
struct DocumentCursor: Sendable {
    /// The document's name.
    let document: String
    /// The path from the document's root: `top_findings[0].delta`; empty at the root.
    let path: String
    /// The value here.
    let value: JSONValue

    /// The root of the document `name`.
    static func open(_ name: String, in documents: [String: JSONValue]) throws(ChatDataError) -> DocumentCursor {
        guard let value = documents[name] else { throw .missingDocument(name) }
        return DocumentCursor(document: name, path: "", value: value)
    }

    private func expected(_ type: String) -> ChatDataError {
        .unexpectedValue(document: document, field: path.isEmpty ? "(root)" : path, expected: type)
    }

    /// The field `key` of this object.
    func field(_ key: String) throws(ChatDataError) -> DocumentCursor {
        let childPath = path.isEmpty ? key : "\(path).\(key)"
        guard case .object(let pairs) = value else { throw expected("object") }
        guard let child = pairs.first(where: { $0.0 == key })?.1 else {
            throw .missingField(document: document, field: childPath)
        }
        return DocumentCursor(document: document, path: childPath, value: child)
    }

    /// The field at a dotted path, such as `debits.amount`.
    func field(path keys: String) throws(ChatDataError) -> DocumentCursor {
        var cursor = self
        for key in keys.split(separator: ".") { cursor = try cursor.field(String(key)) }
        return cursor
    }

    /// The elements of this array.
    func elements() throws(ChatDataError) -> [DocumentCursor] {
        guard case .array(let values) = value else { throw expected("array") }
        return values.enumerated()
            .map { DocumentCursor(document: document, path: "\(path)[\($0.offset)]", value: $0.element) }
    }

    /// The pairs of this object, in order.
    func pairs() throws(ChatDataError) -> [(key: String, cursor: DocumentCursor)] {
        guard case .object(let pairs) = value else { throw expected("object") }
        return pairs.map { key, child in
            (key, DocumentCursor(document: document, path: path.isEmpty ? key : "\(path).\(key)", value: child))
        }
    }

    /// Whether the value here is `null` (present, but deliberately empty).
    var isNull: Bool { value.isNull }

    /// The string here.
    func string() throws(ChatDataError) -> String {
        guard let text = value.stringValue else { throw expected("string") }
        return text
    }

    /// The number here in JSON number syntax, exactly as written.
    func number() throws(ChatDataError) -> String {
        guard let text = value.decimalTextValue else { throw expected("number") }
        return text
    }

    /// The integer here.
    func integer() throws(ChatDataError) -> Int64 {
        guard let number = value.intValue else { throw expected("integer") }
        return number
    }

    /// The amount of money here (a decimal with at most two decimals).
    func money() throws(ChatDataError) -> Money {
        guard let text = value.decimalTextValue, let amount = Money(decimalText: text) else { throw expected("amount") }
        return amount
    }

    /// A fact citing this field: the value is taken as it is (a number's exact text, a string's text), checked
    /// against `kind` (a count must be an integer, an amount must be money).
    func fact(_ label: String, _ kind: ChatFact.Kind, currency: String? = nil) throws(ChatDataError) -> ChatFact {
        let text: String
        switch kind {
        case .text: text = try string()
        case .count: text = String(try integer())
        case .amount:
            _ = try money()
            text = try number()
        case .ratio, .percent, .score: text = try number()
        }
        return ChatFact(
            label: label,
            value: text,
            kind: kind,
            currency: kind == .amount ? currency : nil,
            document: document,
            field: path
        )
    }
}
