extension Migration {
    /// Migration 4: API users, refresh tokens and chat.
    static let apiUsersAndChat = Migration(
        version: 4,
        name: "API users, refresh tokens and chat",
        statements: [
            """
            CREATE TABLE api_users (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
                password_hash text NOT NULL,
                disabled boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE api_refresh_tokens (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
                token_sha256 text NOT NULL UNIQUE,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "COMMENT ON TABLE api_refresh_tokens IS 'Refresh tokens, stored as SHA-256 of the token; revoked on logout, rotation or user disable'",
            """
            CREATE TABLE chat_rooms (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
                title text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX chat_rooms_user ON chat_rooms (user_id, updated_at DESC)",
            """
            CREATE TABLE chat_messages (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                room_id bigint NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
                role text NOT NULL CHECK (role IN ('user', 'assistant')),
                content text NOT NULL,
                intent text,
                run_id bigint REFERENCES detector_runs (id) ON DELETE SET NULL,
                facts jsonb NOT NULL DEFAULT '[]',
                chart jsonb,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX chat_messages_room ON chat_messages (room_id, id)",
        ]
    )
}
