/// A rule a reviewer created while marking a finding `expected`: later findings that match it are not reported.
///
/// A finding matches when it is of the rule's kind (any kind when none), holds every one of the rule's dimension
/// values, is in the rule's currency, and, for a rule with an amount, its actual amount or one of its evidence
/// lines' amounts equals it exactly.
public struct SuppressionRule: Sendable, Equatable {
    /// What the rule was made from.
    public enum Scope: String, Sendable, CaseIterable {
        /// This supplier paid this amount (an annual licence, a fixed fee): the kind, the supplier and the amount.
        case supplierAmount = "supplier_amount"
        /// Anything of this kind on this GL account.
        case account
        /// This kind at exactly this place: every dimension value of the finding.
        case pattern

        /// The raw values, comma-separated, for messages.
        public static let choices = allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// `suppression_rules.id` (0 before it is stored).
    public var id: Int64
    /// What it was made from.
    public var scope: Scope
    /// The kind it applies to; nil for any.
    public var kind: FindingKind?
    /// Dimension values a finding must all hold.
    public var dimensions: [DimensionValue]
    /// An exact amount the finding or one of its lines must have; nil for any.
    public var amount: Money?
    /// The currency of the amounts it applies to.
    public var currency: String

    /// Creates a rule.
    public init(
        id: Int64 = 0,
        scope: Scope,
        kind: FindingKind?,
        dimensions: [DimensionValue],
        amount: Money?,
        currency: String
    ) {
        self.id = id
        self.scope = scope
        self.kind = kind
        self.dimensions = dimensions
        self.amount = amount
        self.currency = currency
    }

    /// The rule of `scope` made from a finding's kind, dimensions, actual amount and currency; nil when the
    /// finding lacks what the scope needs (a supplier and an amount, or a GL account).
    public static func derive(
        scope: Scope,
        kind: FindingKind,
        dimensions: [DimensionValue],
        actual: Money?,
        currency: String
    ) -> SuppressionRule? {
        switch scope {
        case .supplierAmount:
            guard let supplier = dimensions.first(where: { $0.dimension == .supplier }), let actual else { return nil }
            return SuppressionRule(scope: scope, kind: kind, dimensions: [supplier], amount: actual, currency: currency)
        case .account:
            guard let account = dimensions.first(where: { $0.dimension == .glAccount }) else { return nil }
            return SuppressionRule(scope: scope, kind: kind, dimensions: [account], amount: nil, currency: currency)
        case .pattern:
            guard !dimensions.isEmpty else { return nil }
            return SuppressionRule(scope: scope, kind: kind, dimensions: dimensions, amount: nil, currency: currency)
        }
    }

    /// Whether a finding with these properties matches the rule.
    public func matches(
        kind: FindingKind,
        dimensions: [DimensionValue],
        actual: Money?,
        lineAmounts: [Money],
        currency: String
    ) -> Bool {
        guard self.kind.map({ $0 == kind }) ?? true, currency == self.currency else { return false }
        guard self.dimensions.allSatisfy(dimensions.contains) else { return false }
        guard let amount else { return true }
        return actual == amount || lineAmounts.contains(amount)
    }
}
