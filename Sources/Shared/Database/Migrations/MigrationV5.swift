extension Migration {
    /// Migration 5: alerts can be cancelled.
    static let cancellableAlerts = Migration(
        version: 5,
        name: "alerts can be cancelled",
        statements: [
            """
            ALTER TABLE alerts DROP CONSTRAINT alerts_state_check, ADD CONSTRAINT alerts_state_check
                CHECK (state IN ('pending', 'sending', 'delivered', 'retrying', 'dead', 'cancelled'))
            """,
            """
            COMMENT ON COLUMN alerts.state IS
                'pending, sending, delivered, retrying, dead, or cancelled (every finding reviewed as expected or false alarm before delivery)'
            """,
        ]
    )
}
