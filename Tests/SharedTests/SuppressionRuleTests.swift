import Shared
import Testing

@Suite("Suppression rules: what a review's rule matches")
struct SuppressionRuleTests {
    static let place = [
        DimensionValue(.directorate, "Finance"), DimensionValue(.glAccount, "521010"),
        DimensionValue(.supplier, "ACME LTD"),
    ]
    static let licence = Money(minorUnits: 1_200_000)

    @Test("supplier_amount: the kind, the supplier and the exact amount (actual or any evidence line), same currency")
    func supplierAmount() throws {
        let rule = try #require(
            SuppressionRule.derive(
                scope: .supplierAmount,
                kind: .statisticalOutlier,
                dimensions: Self.place,
                actual: Self.licence,
                currency: "GBP"
            )
        )
        #expect(rule.dimensions == [DimensionValue(.supplier, "ACME LTD")] && rule.amount == Self.licence)
        let elsewhere = [DimensionValue(.directorate, "Schools"), DimensionValue(.supplier, "ACME LTD")]
        #expect(
            rule.matches(
                kind: .statisticalOutlier,
                dimensions: elsewhere,
                actual: Self.licence,
                lineAmounts: [],
                currency: "GBP"
            )
        )
        #expect(
            rule.matches(
                kind: .statisticalOutlier,
                dimensions: elsewhere,
                actual: Money(minorUnits: 2_400_000),
                lineAmounts: [Self.licence],
                currency: "GBP"
            )
        )
        #expect(
            !rule.matches(
                kind: .statisticalOutlier,
                dimensions: elsewhere,
                actual: Money(minorUnits: 1_200_001),
                lineAmounts: [],
                currency: "GBP"
            )
        )
        #expect(
            !rule.matches(
                kind: .duplicatePayment,
                dimensions: elsewhere,
                actual: Self.licence,
                lineAmounts: [],
                currency: "GBP"
            )
        )
        #expect(
            !rule.matches(
                kind: .statisticalOutlier,
                dimensions: elsewhere,
                actual: Self.licence,
                lineAmounts: [],
                currency: "EUR"
            )
        )
        #expect(
            !rule.matches(
                kind: .statisticalOutlier,
                dimensions: [DimensionValue(.supplier, "ACME LIMITED")],
                actual: Self.licence,
                lineAmounts: [],
                currency: "GBP"
            )
        )
    }

    @Test("account: the kind on the GL account, any amount; pattern: every dimension value of the finding")
    func accountAndPattern() throws {
        let account = try #require(
            SuppressionRule.derive(
                scope: .account,
                kind: .roundAmounts,
                dimensions: Self.place,
                actual: nil,
                currency: "GBP"
            )
        )
        #expect(account.dimensions == [DimensionValue(.glAccount, "521010")] && account.amount == nil)
        #expect(
            account.matches(
                kind: .roundAmounts,
                dimensions: [DimensionValue(.glAccount, "521010")],
                actual: Money(minorUnits: 7),
                lineAmounts: [],
                currency: "GBP"
            )
        )
        let pattern = try #require(
            SuppressionRule.derive(
                scope: .pattern,
                kind: .monthOverMonth,
                dimensions: Self.place,
                actual: nil,
                currency: "GBP"
            )
        )
        #expect(
            pattern.matches(
                kind: .monthOverMonth,
                dimensions: Self.place,
                actual: nil,
                lineAmounts: [],
                currency: "GBP"
            )
        )
        #expect(
            !pattern.matches(
                kind: .monthOverMonth,
                dimensions: Array(Self.place.prefix(2)),
                actual: nil,
                lineAmounts: [],
                currency: "GBP"
            )
        )
    }

    @Test("a scope the finding lacks the facts for makes no rule")
    func notApplicable() {
        let change = [DimensionValue(.directorate, "Finance")]
        #expect(
            SuppressionRule.derive(
                scope: .supplierAmount,
                kind: .monthOverMonth,
                dimensions: change,
                actual: Self.licence,
                currency: "GBP"
            ) == nil
        )
        #expect(
            SuppressionRule.derive(
                scope: .account,
                kind: .monthOverMonth,
                dimensions: change,
                actual: nil,
                currency: "GBP"
            ) == nil
        )
        #expect(
            SuppressionRule.derive(
                scope: .pattern,
                kind: .incompletePeriod,
                dimensions: [],
                actual: nil,
                currency: "GBP"
            ) == nil
        )
    }

    @Test("stored dimensions are read back exactly; an unknown dimension is refused")
    func storedShape() throws {
        let text = #"[{"dimension": "supplier", "value": "ACME LTD"}, {"dimension": "cost_center", "value": "31090"}]"#
        #expect(
            DimensionValue.list(fromJSON: text) == [
                DimensionValue(.supplier, "ACME LTD"), DimensionValue(.costCenter, "31090"),
            ]
        )
        #expect(DimensionValue.list(fromJSON: #"[{"dimension": "region", "value": "North"}]"#) == nil)
        #expect(throws: UnknownVocabularyError.self) {
            try SuppressionRule(
                stored: 3,
                scope: "everything",
                kind: nil,
                dimensions: "[]",
                amount: nil,
                currency: "GBP"
            )
        }
    }
}
