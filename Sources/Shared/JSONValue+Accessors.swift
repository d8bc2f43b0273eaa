extension JSONValue {
    /// The value of the first pair named `key` when this is an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The string when this is ``string(_:)``.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// The elements when this is ``array(_:)``.
    public var arrayValue: [JSONValue]? {
        guard case .array(let values) = self else { return nil }
        return values
    }

    /// The pairs, in order, when this is ``object(_:)``.
    public var objectValue: [(String, JSONValue)]? {
        guard case .object(let pairs) = self else { return nil }
        return pairs
    }

    /// The integer when this is ``int(_:)``.
    public var intValue: Int64? {
        guard case .int(let value) = self else { return nil }
        return value
    }

    /// The Boolean when this is ``bool(_:)``.
    public var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// Whether this is ``null``.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The number in JSON number syntax, exactly as it is (or would be) written.
    ///
    /// The digits of ``int(_:)``, the text of ``decimalText(_:)``, or the written form of a finite ``double(_:)``;
    /// nil for anything else, including a non-finite double (written as `null`).
    public var decimalTextValue: String? {
        switch self {
        case .int(let value): String(value)
        case .decimalText(let text): text
        case .double(let value): value.isFinite ? JSONValue.double(value).text : nil
        default: nil
        }
    }
}
