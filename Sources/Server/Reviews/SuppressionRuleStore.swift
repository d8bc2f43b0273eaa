public import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// A stored suppression rule as `finrca rules list` and `GET /rules` show it.
public struct StoredRule: Sendable {
    /// The rule.
    public var rule: SuppressionRule
    /// The finding it was made from, if it still exists.
    public var sourceFindingID: Int64?
    /// Why, in the reviewer's words.
    public var note: String?
    /// Who made it.
    public var createdBy: String
    /// When.
    public var createdAt: Date
    /// When it was removed; nil while it applies.
    public var removedAt: Date?
}

/// `suppression_rules`: made from a finding when a reviewer marks it `expected` with a rule, listed, removed.
public struct SuppressionRuleStore: Sendable {
    /// Why a rule was not made.
    public struct RuleError: Error, Equatable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    let logger: Logger

    /// Creates the store.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Makes a rule of `scope` from finding `id` (its kind, dimensions, amount and currency) and stores it.
    ///
    /// - Throws: ``RuleError`` when the finding lacks what the scope needs; database errors.
    public func create(
        scope: SuppressionRule.Scope,
        fromFinding id: Int64,
        note: String?,
        by user: String,
        on connection: PostgresConnection
    ) async throws -> SuppressionRule {
        var finding: (kind: FindingKind, dimensions: [DimensionValue], actual: Money?, currency: String)?
        for try await (kind, dimensions, actual, currency)
            in try await connection.query(
                "SELECT kind, dimensions::text, actual::text, currency FROM findings WHERE id = \(id)",
                logger: logger
            )
            .decode((String, String, String?, String).self)
        {
            guard let kind = FindingKind(rawValue: kind), let dimensions = DimensionValue.list(fromJSON: dimensions)
            else {
                throw UnknownVocabularyError(table: "findings", id: id, values: [kind, dimensions])
            }
            finding = (kind, dimensions, actual.flatMap(Money.init(decimalText:)), currency)
        }
        guard let finding else { throw RuleError(description: "no finding \(id)") }
        guard
            var rule = SuppressionRule.derive(
                scope: scope,
                kind: finding.kind,
                dimensions: finding.dimensions,
                actual: finding.actual,
                currency: finding.currency
            )
        else {
            let needs =
                scope == .account
                ? "GL account" : scope == .pattern ? "dimension value" : "supplier and amount"
            throw RuleError(description: "finding \(id) has no \(needs), which a rule of scope \(scope.rawValue) needs")
        }
        for try await ruleID
            in try await connection.query(
                """
                INSERT INTO suppression_rules (scope, kind, dimensions, amount, currency, source_finding_id, note, created_by)
                VALUES (\(rule.scope.rawValue), \(rule.kind?.rawValue), \(rule.dimensionsJSON.text)::jsonb,
                        \(rule.amount?.description)::numeric, \(rule.currency), \(id), \(note), \(user))
                RETURNING id
                """,
                logger: logger
            )
            .decode(Int64.self)
        {
            rule.id = ruleID
        }
        logger.notice(
            "suppression rule made",
            metadata: ["rule": "\(rule.id)", "finding": "\(id)", "user": .string(user)]
        )
        return rule
    }

    /// The rules newest first, at most `limit` of them (nil = all); removed ones only with `includingRemoved`.
    public func list(
        includingRemoved: Bool = false,
        limit: Int? = nil,
        on connection: PostgresConnection
    ) async throws -> [StoredRule] {
        var rules: [StoredRule] = []
        for try await (id, scope, kind, dimensions, amount, currency, source, note, by, at, removed)
            in try await connection
            .query(
                """
                SELECT id, scope, kind, dimensions::text, amount::text, currency, source_finding_id, note, created_by,
                       created_at, removed_at
                FROM suppression_rules WHERE \(includingRemoved) OR removed_at IS NULL ORDER BY id DESC
                LIMIT \(limit.map(Int64.init))
                """,
                logger: logger
            )
            .decode((Int64, String, String?, String, String?, String, Int64?, String?, String, Date, Date?).self)
        {
            let rule = try SuppressionRule(
                stored: id,
                scope: scope,
                kind: kind,
                dimensions: dimensions,
                amount: amount,
                currency: currency
            )
            rules.append(
                StoredRule(
                    rule: rule,
                    sourceFindingID: source,
                    note: note,
                    createdBy: by,
                    createdAt: at,
                    removedAt: removed
                )
            )
        }
        return rules
    }

    /// Removes rule `id` (it stays listed as removed); false when there is no such active rule.
    public func remove(_ id: Int64, by user: String, on connection: PostgresConnection) async throws -> Bool {
        var removed = false
        for try await _
            in try await connection.query(
                """
                UPDATE suppression_rules SET removed_at = now(), removed_by = \(user)
                WHERE id = \(id) AND removed_at IS NULL RETURNING id
                """,
                logger: logger
            )
            .decode(Int64.self)
        {
            removed = true
        }
        if removed { logger.notice("suppression rule removed", metadata: ["rule": "\(id)", "user": .string(user)]) }
        return removed
    }
}
