import Foundation
public import Shared

extension DashboardBuilder {
    /// A root-cause analysis as a document (also used by `finrca rca --json`).
    public static func rca(_ explanation: ChangeExplanation) -> [(String, JSONValue)] {
        [
            ("from", .string(explanation.from.description)),
            ("to", .string(explanation.to.description)),
            ("filter", .object(explanation.filter.map { ($0.dimension.rawValue, .string($0.value)) })),
            ("change", .decimal(explanation.change)),
            (
                "bridges",
                .array(
                    explanation.bridges.map { bridge in
                        .object([
                            ("dimension", .string(bridge.dimension.rawValue)),
                            ("start", .decimal(bridge.start)), ("end", .decimal(bridge.end)),
                            (
                                "steps",
                                .array(
                                    bridge.steps.prefix(50)
                                        .map { step in
                                            .object([
                                                ("member", .string(step.member)), ("start", .decimal(step.start)),
                                                ("end", .decimal(step.end)),
                                                ("contribution", .decimal(step.contribution)),
                                            ])
                                        }
                                )
                            ),
                            ("other_steps", .int(Int64(max(0, bridge.steps.count - 50)))),
                            (
                                "other_contribution",
                                .decimal(bridge.steps.dropFirst(50).reduce(Money.zero) { $0 + $1.contribution })
                            ),
                        ])
                    }
                )
            ),
            ("root_cause_set", .string(explanation.search.squeezeForm)),
            (
                "ranked",
                .array(
                    explanation.search.ranked.map { candidate in
                        .object([
                            ("element", .string(candidate.element.description)),
                            ("explained_share", .double(candidate.explainedShare)),
                            ("surprise", .double(candidate.surprise)),
                            ("score", .double(candidate.score)),
                            ("root_cause", .bool(candidate.isRootCause)),
                        ])
                    }
                )
            ),
            (
                "forest_importance",
                .array(
                    explanation.importance.map {
                        .object([
                            ("dimension", .string(ChangeExplanation.leafDimensions[$0.dimension].rawValue)),
                            ("importance", .double($0.importance)),
                            ("permutation_increase", $0.permutationIncrease.map { .double($0) } ?? .null),
                        ])
                    }
                )
            ),
            (
                "correlations",
                .array(
                    explanation.correlations.map {
                        .object([
                            ("dimension", .string($0.dimension.rawValue)), ("member", .string($0.member)),
                            ("r", .double($0.coefficient)),
                        ])
                    }
                )
            ),
            (
                "evidence",
                .array(
                    explanation.evidence.map {
                        .object([
                            ("batch_id", .int($0.batchID)), ("line", .int($0.line)), ("amount", .decimal($0.amount)),
                        ])
                    }
                )
            ),
        ]
    }
}
