/// Settings of `finrca serve` (`server.*`).
public struct ServerConfiguration: Sendable {
    /// Listen address.
    public var host = "127.0.0.1"
    /// Listen port.
    public var port = 8080
    /// HMAC key of access tokens, from `FINRCA_SERVER_JWT_SECRET`.
    public var jwtSecret: String?
    /// Access token lifetime in minutes.
    public var accessTokenMinutes = 15
    /// Refresh token lifetime in days.
    public var refreshTokenDays = 7
    /// Whether `POST /register` creates accounts.
    public var allowRegister = false
    /// Origins allowed by CORS; empty = no CORS headers.
    public var corsOrigins: [String] = []
    /// bcrypt cost of new password hashes.
    public var bcryptCost = 12
    /// Seconds between looks for a new detector run.
    public var refreshSeconds = 5
    /// OpenAI-compatible chat-completions URL.
    public var llmURL = "https://openrouter.ai/api/v1/chat/completions"
    /// Model name.
    public var llmModel = "openai/gpt-4o-mini"
    /// Model call timeout in seconds.
    public var llmTimeoutSeconds = 20
    /// The web app's folder; nil = the installed one beside the binary (`../share/finrca/web`), if present.
    public var webDirectory: String?
    /// Rate limits, timeouts and statement timeouts (`server.limits.*`).
    public var limits = ServerLimits()
    /// The chat's message size cap and per-user quota.
    public var chat = ChatLimits()

    /// Creates a configuration with the documented defaults.
    public init() {}

    /// Reads the `server.*` keys.
    public init(reader: ConfigReader) throws {
        host = reader.string("server.host") ?? host
        port = try reader.int("server.port", in: 1...65_535)
        jwtSecret = reader.string("server.jwt_secret").flatMap { $0.isEmpty ? nil : $0 }
        if let secret = jwtSecret, secret.utf8.count < 32 {
            throw reader.error("server.jwt_secret", "must be at least 32 bytes long")
        }
        accessTokenMinutes = try reader.int("server.access_token_minutes", in: 1...1440)
        refreshTokenDays = try reader.int("server.refresh_token_days", in: 1...90)
        allowRegister = try reader.choice("server.allow_register", of: ["true", "false"]) == "true"
        corsOrigins = reader.list("server.cors_origins")
        bcryptCost = try reader.int("server.bcrypt_cost", in: 4...16)
        refreshSeconds = try reader.int("server.refresh_seconds", in: 1...3600)
        llmURL = reader.string("server.llm_url") ?? llmURL
        llmModel = reader.string("server.llm_model") ?? llmModel
        llmTimeoutSeconds = try reader.int("server.llm_timeout_seconds", in: 1...300)
        webDirectory = reader.string("server.web_dir").flatMap { $0.isEmpty ? nil : $0 }
        limits = try ServerLimits(reader: reader)
        chat = try ChatLimits(reader: reader)
    }
}
