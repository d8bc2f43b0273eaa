public import Logging
public import PostgresNIO

extension SuppressionRule {
    /// The rules not removed, oldest first (the detector applies them to every run).
    ///
    /// - Throws: Database errors; ``UnknownVocabularyError`` for a stored scope or kind this build does not know.
    public static func active(on connection: PostgresConnection, logger: Logger) async throws -> [SuppressionRule] {
        var rules: [SuppressionRule] = []
        for try await (id, scope, kind, dimensions, amount, currency)
            in try await connection.query(
                """
                SELECT id, scope, kind, dimensions::text, amount::text, currency FROM suppression_rules
                WHERE removed_at IS NULL ORDER BY id
                """,
                logger: logger
            )
            .decode((Int64, String, String?, String, String?, String).self)
        {
            rules.append(
                try SuppressionRule(
                    stored: id,
                    scope: scope,
                    kind: kind,
                    dimensions: dimensions,
                    amount: amount,
                    currency: currency
                )
            )
        }
        return rules
    }

    /// A rule as `suppression_rules` stores it (dimensions as `[{"dimension", "value"}]` JSON text).
    ///
    /// - Throws: ``UnknownVocabularyError`` when the scope, kind or a dimension is not one this build knows.
    public init(stored id: Int64, scope: String, kind: String?, dimensions: String, amount: String?, currency: String)
        throws
    {
        let parsedDimensions = DimensionValue.list(fromJSON: dimensions)
        guard let parsedScope = Scope(rawValue: scope), let parsedDimensions,
            kind.map({ FindingKind(rawValue: $0) != nil }) ?? true
        else {
            throw UnknownVocabularyError(table: "suppression_rules", id: id, values: [scope, kind ?? "", dimensions])
        }
        self.init(
            id: id,
            scope: parsedScope,
            kind: kind.flatMap(FindingKind.init(rawValue:)),
            dimensions: parsedDimensions,
            amount: amount.flatMap(Money.init(decimalText:)),
            currency: currency
        )
    }

    /// The dimensions as stored: `[{"dimension": …, "value": …}]`.
    public var dimensionsJSON: JSONValue {
        .array(
            dimensions.map { .object([("dimension", .string($0.dimension.rawValue)), ("value", .string($0.value))]) }
        )
    }
}

extension DimensionValue {
    /// The values of a stored dimension path, `[{"dimension": …, "value": …}]` (the shape of `findings.dimensions`
    /// and `suppression_rules.dimensions`); nil when the text is not that shape or names an unknown dimension.
    public static func list(fromJSON text: String) -> [DimensionValue]? {
        guard let items = (try? JSONValue(parsing: text))?.arrayValue else { return nil }
        var values: [DimensionValue] = []
        for item in items {
            guard let name = item["dimension"]?.stringValue, let dimension = LedgerDimension(rawValue: name),
                let value = item["value"]?.stringValue
            else { return nil }
            values.append(DimensionValue(dimension, value))
        }
        return values
    }
}
