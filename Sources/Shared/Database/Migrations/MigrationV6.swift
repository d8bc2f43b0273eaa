extension Migration {
    /// Migration 6: user roles and the history of finding reviews.
    ///
    /// Existing users become `viewer`: before roles the API was read-only, so reading is all they ever did;
    /// `finrca user role NAME reviewer` grants more.
    static let rolesAndReviews = Migration(
        version: 6,
        name: "user roles and finding review history",
        statements: [
            """
            ALTER TABLE api_users ADD COLUMN role text NOT NULL DEFAULT 'viewer'
                CHECK (role IN ('viewer', 'reviewer', 'admin'))
            """,
            "COMMENT ON COLUMN api_users.role IS 'viewer (read), reviewer (read and review findings), admin (also manage users)'",
            """
            CREATE TABLE finding_reviews (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                finding_id bigint NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
                status text NOT NULL CHECK (status IN ('open', 'confirmed', 'expected', 'false_alarm')),
                note text,
                reviewed_by text NOT NULL,
                reviewed_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX finding_reviews_finding ON finding_reviews (finding_id, id)",
            """
            COMMENT ON TABLE finding_reviews IS
                'Every review recorded through the API, oldest first; findings.review_status holds the latest'
            """,
        ]
    )
}
