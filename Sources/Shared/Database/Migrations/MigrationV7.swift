extension Migration {
    /// Migration 7: suppression rules that reviews of findings as `expected` create.
    static let suppressionRules = Migration(
        version: 7,
        name: "suppression rules from reviews",
        statements: [
            """
            CREATE TABLE suppression_rules (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                scope text NOT NULL CHECK (scope IN ('supplier_amount', 'account', 'pattern')),
                kind text,
                dimensions jsonb NOT NULL DEFAULT '[]',
                amount numeric(15,2),
                currency text NOT NULL DEFAULT '',
                source_finding_id bigint REFERENCES findings (id) ON DELETE SET NULL,
                note text,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                removed_by text,
                removed_at timestamptz
            )
            """,
            "CREATE INDEX suppression_rules_active ON suppression_rules (id) WHERE removed_at IS NULL",
            """
            COMMENT ON TABLE suppression_rules IS
                'Findings matching an active rule (kind, every listed dimension value, the amount if any, the currency) are not reported by later detector runs'
            """,
        ]
    )
}
