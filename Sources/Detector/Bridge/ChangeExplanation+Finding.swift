import Foundation
public import Shared

extension ChangeExplanation {
    /// How many causes the finding's sentence names; the others are in its details.
    static let causesNamed = 3

    /// The root-cause finding, when the search found a cause. Its dimensions are the leading cause's; its sentence
    /// names up to three causes with their change and share of the slice's change, and its details list them all
    /// (`root_causes`, and `root_cause_set` in Squeeze form).
    public func finding(wording: Wording) -> FindingDraft? {
        guard let leading = causes.first, let top = search.leadingCause else {
            return nil
        }
        let change = self.change.minorUnits
        let scope =
            filter.isEmpty
            ? "the organisation's" : filter.map { "\($0.dimension.label) \($0.value)" }.joined(separator: ", ") + "'s"
        let sign = change >= 0 ? "+" : "-"
        let named = causes.prefix(Self.causesNamed)
            .map { "\(name(of: $0)), \(wording.money($0.end - $0.start)) (\(portion(of: $0)))" }
        let unnamed = causes.count - named.count
        let rest = unnamed > 0 ? "; \(unnamed) further cause\(unnamed > 1 ? "s" : "") in the details" : ""
        let explanation =
            "Root cause\(causes.count > 1 ? "s" : "") of \(scope) \(sign)\(wording.money(Int64(change.magnitude))) from \(from) to \(to): "
            + named.joined(separator: "; ") + rest + "."
        var details: [String: String] = [
            "from": from.description, "root_cause_set": search.squeezeForm,
            "explained_share": String(format: "%.4f", share(of: leading)),
            "surprise": String(format: "%.3f", top.surprise),
            "root_causes":
                causes.map {
                    "\($0.element): \(Money(minorUnits: $0.end - $0.start)) (\(String(format: "%.4f", share(of: $0))))"
                }
                .joined(separator: "; "),
        ]
        for bridge in bridges {
            details["bridge_\(bridge.dimension.rawValue)"] = bridge.steps.prefix(5)
                .map { "\($0.member) \($0.contribution)" }.joined(separator: "; ")
        }
        if !importance.isEmpty {
            details["forest_importance"] =
                importance.map {
                    "\(Self.leafDimensions[$0.dimension].rawValue) \(String(format: "%.2f", $0.importance))"
                }
                .joined(separator: "; ")
        }
        if !correlations.isEmpty {
            details["correlation_with_total"] =
                correlations.map { "\($0.dimension.rawValue)=\($0.member) r=\(String(format: "%.2f", $0.coefficient))" }
                .joined(separator: "; ")
        }
        return FindingDraft(
            kind: .rootCause,
            period: to,
            dimensions: leading.dimensions,
            actual: Money(minorUnits: leading.end),
            expected: Money(minorUnits: leading.start),
            score: top.score,
            explanation: explanation,
            evidence: evidence,
            details: details,
            subject: "from \(from)"
        )
    }

    /// The cause's own conditions (not the slice's), e.g. `supplier Acme with GL account 5100`.
    private func name(of cause: Cause) -> String {
        cause.dimensions.filter { !filter.contains($0) }.map { "\($0.dimension.label) \($0.value)" }
            .joined(separator: " with ")
    }

    /// The cause's change as a share of the slice's change (0 when the slice did not change).
    private func share(of cause: Cause) -> Double {
        change.minorUnits != 0 ? Double(cause.end - cause.start) / Double(change.minorUnits) : 0
    }

    /// `62 % of the change`, or a note when the cause moved more than the whole net change.
    private func portion(of cause: Cause) -> String {
        let share = share(of: cause)
        return share > 1
            ? "more than the whole net change; other moves offset part of it"
            : "\(Int((share * 100).rounded())) % of the change"
    }
}
