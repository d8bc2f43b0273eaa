extension ConfigurationSchema {
    /// The keys of the `server` section.
    static let serverKeys: [Key] = [
        Key(
            name: "server.host",
            defaultValue: "127.0.0.1",
            isSecret: false,
            summary: "address finrca serve listens on"
        ),
        Key(
            name: "server.port",
            defaultValue: "8080",
            isSecret: false,
            summary: "port finrca serve listens on (1-65535)"
        ),
        Key(
            name: "server.jwt_secret",
            defaultValue: nil,
            isSecret: true,
            summary: "HMAC key signing access tokens (environment FINRCA_SERVER_JWT_SECRET only, at least 32 bytes)"
        ),
        Key(
            name: "server.access_token_minutes",
            defaultValue: "15",
            isSecret: false,
            summary: "lifetime of access tokens (1-1440)"
        ),
        Key(
            name: "server.refresh_token_days",
            defaultValue: "7",
            isSecret: false,
            summary: "lifetime of refresh tokens (1-90)"
        ),
        Key(
            name: "server.allow_register",
            defaultValue: "false",
            isSecret: false,
            summary: "true = anyone may create an account with POST /register"
        ),
        Key(
            name: "server.cors_origins",
            defaultValue: "",
            isSecret: false,
            summary: "origins allowed by CORS (comma-separated list; empty = no CORS headers)"
        ),
        Key(
            name: "server.bcrypt_cost",
            defaultValue: "12",
            isSecret: false,
            summary: "bcrypt cost of stored passwords (4-16)"
        ),
        Key(
            name: "server.refresh_seconds",
            defaultValue: "5",
            isSecret: false,
            summary: "how often serve looks for a new detector run (1-3600)"
        ),
        Key(
            name: "server.llm_url",
            defaultValue: "https://openrouter.ai/api/v1/chat/completions",
            isSecret: false,
            summary: "OpenAI-compatible chat-completions endpoint used when OPENROUTER_API_KEY is set"
        ),
        Key(
            name: "server.llm_model",
            defaultValue: "openai/gpt-4o-mini",
            isSecret: false,
            summary: "model name sent to server.llm_url"
        ),
        Key(
            name: "server.llm_timeout_seconds",
            defaultValue: "20",
            isSecret: false,
            summary: "per-request timeout of the model call (1-300)"
        ),
        Key(
            name: "server.web_dir",
            defaultValue: "",
            isSecret: false,
            summary: "folder of the web app served at / (empty = ../share/finrca/web beside the binary, when it exists)"
        ),
    ]
}
