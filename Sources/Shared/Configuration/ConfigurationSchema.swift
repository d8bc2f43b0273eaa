import Foundation

/// Every configuration key finrca reads, with its default and meaning; `config/finrca.example.yaml`
/// documents the same keys for operators, and a test keeps the two in step.
public enum ConfigurationSchema {
    /// One key.
    public struct Key: Sendable {
        /// Dotted name, e.g. `database.url`.
        public var name: String
        /// The default as text, or nil when the key has none.
        public var defaultValue: String?
        /// Secrets are accepted only from the environment or flags, never from a file.
        public var isSecret: Bool
        /// One line for `--help` style listings.
        public var summary: String
    }

    /// All keys.
    public static let keys: [Key] = generalKeys + auditRuleKeys

    /// The keys of every part but the audit rules.
    static let generalKeys: [Key] = [
        Key(
            name: "database.url",
            defaultValue: "postgres://finrca@127.0.0.1:54329/finrca",
            isSecret: false,
            summary: "PostgreSQL URL; the default is the private cluster started by scripts/pg-start.sh"
        ),
        Key(
            name: "database.password",
            defaultValue: nil,
            isSecret: true,
            summary: "password for database.url (environment FINRCA_DATABASE_PASSWORD only)"
        ),
        Key(
            name: "database.tls",
            defaultValue: "disable",
            isSecret: false,
            summary: "disable | prefer | require"
        ),
        Key(
            name: "database.pool_size",
            defaultValue: "4",
            isSecret: false,
            summary: "maximum connections per process (1-64)"
        ),
        Key(
            name: "database.connect_timeout_seconds",
            defaultValue: "10",
            isSecret: false,
            summary: "seconds to wait for a connection before reporting the database unavailable"
        ),
        Key(
            name: "ingest.chunk_kib",
            defaultValue: "256",
            isSecret: false,
            summary: "size of each COPY message in KiB (64-1024)"
        ),
        Key(
            name: "ingest.max_reject_share",
            defaultValue: "0.01",
            isSecret: false,
            summary: "a file whose rejected share of rows exceeds this (0-1) is not loaded at all"
        ),
        Key(
            name: "ingest.max_stored_rejects",
            defaultValue: "10000",
            isSecret: false,
            summary: "rejected rows stored per batch with their raw line; the rest are counted"
        ),
        Key(
            name: "ingest.mappings_dir",
            defaultValue: "config/mappings",
            isSecret: false,
            summary: "folder searched for --profile NAME as NAME.yaml when NAME is not built in"
        ),
        Key(
            name: "ingest.default_profile",
            defaultValue: "finance_expense",
            isSecret: false,
            summary: "mapping profile used when neither --profile nor --mapping is given"
        ),
        Key(
            name: "ingest.inbox_dir",
            defaultValue: "/var/lib/finrca/inbox",
            isSecret: false,
            summary: "finrca run loads every new file in this folder"
        ),
        Key(
            name: "ingest.archive_dir",
            defaultValue: "/var/lib/finrca/archive",
            isSecret: false,
            summary: "finrca run moves loaded (or already loaded) files here"
        ),
        Key(
            name: "ingest.failed_dir",
            defaultValue: "/var/lib/finrca/failed",
            isSecret: false,
            summary: "finrca run moves refused files here, each with NAME.reason"
        ),
        Key(
            name: "ingest.index_build_memory_mb",
            defaultValue: "256",
            isSecret: false,
            summary: "maintenance_work_mem in MiB while a load indexes the partitions it created (16-4096)"
        ),
        Key(
            name: "detector.passes",
            defaultValue: "statistical,isolation_forest,trend,root_cause,audit,completeness",
            isSecret: false,
            summary: "passes run by detect, in order (comma-separated list)"
        ),
        Key(
            name: "detector.materiality",
            defaultValue: "auto",
            isSecret: false,
            summary:
                "smallest amount worth a finding, a decimal in the ledger's currency; auto = 0.1 % of the median month's spend"
        ),
        Key(
            name: "detector.currency",
            defaultValue: "",
            isSecret: false,
            summary: "currency code used in sentences; empty = the most common company_code_currency_key"
        ),
        Key(
            name: "detector.dashboard_dir",
            defaultValue: "",
            isSecret: false,
            summary: "also write each run's dashboard documents as JSON files here (empty = database only)"
        ),
        Key(
            name: "detector.keep_runs",
            defaultValue: "30",
            isSecret: false,
            summary: "dashboard documents of this many latest runs are kept (1-10000)"
        ),
        Key(
            name: "detector.statistical.threshold",
            defaultValue: "2.5",
            isSecret: false,
            summary: "modified z-score (log-magnitude) above which a line is an outlier"
        ),
        Key(
            name: "detector.statistical.min_group_size",
            defaultValue: "30",
            isSecret: false,
            summary: "smaller GL account / cost centre / supplier groups use ledger-wide statistics"
        ),
        Key(
            name: "detector.statistical.max_flag_share",
            defaultValue: "0.01",
            isSecret: false,
            summary: "at most this share of lines is flagged as outliers (0-1)"
        ),
        Key(
            name: "detector.statistical.max_findings",
            defaultValue: "100",
            isSecret: false,
            summary: "outlier findings per run, largest money first (all flags are in the anomaly document)"
        ),
        Key(
            name: "detector.isolation_forest.trees",
            defaultValue: "100",
            isSecret: false,
            summary: "trees in the forest"
        ),
        Key(
            name: "detector.isolation_forest.subsample",
            defaultValue: "256",
            isSecret: false,
            summary: "lines per tree (ψ)"
        ),
        Key(
            name: "detector.isolation_forest.contamination",
            defaultValue: "0.05",
            isSecret: false,
            summary: "share of lines above the anomaly threshold (0-0.5)"
        ),
        Key(name: "detector.isolation_forest.seed", defaultValue: "42", isSecret: false, summary: "random seed"),
        Key(
            name: "detector.isolation_forest.max_findings",
            defaultValue: "50",
            isSecret: false,
            summary: "Isolation Forest findings per run (lines flagged by both the forest and statistics)"
        ),
        Key(
            name: "detector.trend.threshold",
            defaultValue: "0.30",
            isSecret: false,
            summary: "smallest month-over-month or year-over-year change flagged, as a share of |previous|"
        ),
        Key(
            name: "detector.trend.min_significance",
            defaultValue: "3.0",
            isSecret: false,
            summary: "smallest robust z-score of a change among the slice's own changes"
        ),
        Key(
            name: "detector.trend.max_findings",
            defaultValue: "100",
            isSecret: false,
            summary: "trend findings per run"
        ),
        Key(
            name: "detector.root_cause.max_changes",
            defaultValue: "10",
            isSecret: false,
            summary: "flagged changes explained by root-cause analysis per run, largest first"
        ),
        Key(
            name: "detector.audit.duplicate_window_days",
            defaultValue: "3",
            isSecret: false,
            summary: "same supplier and amount within this many days is a possible duplicate"
        ),
        Key(
            name: "detector.audit.approval_limits",
            defaultValue: "50000000.00",
            isSecret: false,
            summary: "approval limits (decimals, comma-separated list) for the just-below-the-limit test"
        ),
        Key(
            name: "detector.audit.approval_band",
            defaultValue: "0.03",
            isSecret: false,
            summary: "\"just below\" means within this share under a limit"
        ),
        Key(
            name: "detector.audit.round_unit",
            defaultValue: "10000.00",
            isSecret: false,
            summary: "an amount that is a multiple of this is round"
        ),
        Key(
            name: "detector.audit.benford_min_lines",
            defaultValue: "1000",
            isSecret: false,
            summary: "populations (ledger, account class, supplier) with fewer amounts are not Benford-tested"
        ),
        Key(
            name: "detector.audit.holidays",
            defaultValue: "",
            isSecret: false,
            summary: "public holidays (YYYY-MM-DD, comma-separated list) counted like weekends"
        ),
        Key(
            name: "detector.completeness.min_share",
            defaultValue: "0.5",
            isSecret: false,
            summary: "a latest period with fewer lines or less money than this share of its usual level is incomplete"
        ),
        Key(
            name: "notify.routes_file",
            defaultValue: "",
            isSecret: false,
            summary: "YAML file of alert routes (see config/routes.example.yaml); empty = no alerts are queued"
        ),
        Key(
            name: "notify.webhook_secret",
            defaultValue: nil,
            isSecret: true,
            summary: "HMAC key signing webhooks (environment FINRCA_NOTIFY_WEBHOOK_SECRET only, at least 32 bytes)"
        ),
        Key(
            name: "notify.api_base_url",
            defaultValue: "http://127.0.0.1:8080",
            isSecret: false,
            summary: "base of the links to findings in alerts"
        ),
        Key(
            name: "notify.max_attempts",
            defaultValue: "8",
            isSecret: false,
            summary: "tries before an alert is dead (1-100)"
        ),
        Key(
            name: "notify.base_delay_seconds",
            defaultValue: "30",
            isSecret: false,
            summary: "delay after the first failure, doubling per failure with full jitter (0-86400)"
        ),
        Key(
            name: "notify.max_delay_seconds",
            defaultValue: "3600",
            isSecret: false,
            summary: "longest delay between tries"
        ),
        Key(
            name: "notify.webhook_concurrency",
            defaultValue: "8",
            isSecret: false,
            summary: "webhooks sent at once (1-256)"
        ),
        Key(
            name: "notify.webhook_rate_per_minute",
            defaultValue: "0",
            isSecret: false,
            summary: "most webhooks started per minute (0 = no limit)"
        ),
        Key(
            name: "notify.email_concurrency",
            defaultValue: "2",
            isSecret: false,
            summary: "emails sent at once (1-64)"
        ),
        Key(
            name: "notify.email_rate_per_minute",
            defaultValue: "60",
            isSecret: false,
            summary: "most emails started per minute, to stay under the relay's limits (0 = no limit)"
        ),
        Key(
            name: "notify.smtp_url",
            defaultValue: "",
            isSecret: false,
            summary:
                "smtp://host[:port] (STARTTLS per smtp_starttls) or smtps://host[:port] (implicit TLS); empty = no email"
        ),
        Key(
            name: "notify.smtp_starttls",
            defaultValue: "required",
            isSecret: false,
            summary: "required | optional | none — STARTTLS policy for smtp:// URLs"
        ),
        Key(name: "notify.smtp_from", defaultValue: "", isSecret: false, summary: "sender address of alert emails"),
        Key(
            name: "notify.smtp_username",
            defaultValue: "",
            isSecret: false,
            summary: "SMTP AUTH user; empty = no AUTH"
        ),
        Key(
            name: "notify.smtp_password",
            defaultValue: nil,
            isSecret: true,
            summary: "SMTP AUTH password (environment FINRCA_NOTIFY_SMTP_PASSWORD only)"
        ),
        Key(
            name: "notify.smtp_ca_file",
            defaultValue: "",
            isSecret: false,
            summary: "PEM file of CA certificates trusted for the relay instead of the system's"
        ),
        Key(
            name: "notify.timeout_seconds",
            defaultValue: "10",
            isSecret: false,
            summary: "per-delivery timeout (1-300)"
        ),
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
        Key(
            name: "log.level",
            defaultValue: "info",
            isSecret: false,
            summary: "trace | debug | info | notice | warning | error | critical"
        ),
        Key(
            name: "log.format",
            defaultValue: "logfmt",
            isSecret: false,
            summary: "logfmt | json (one line per event on stderr)"
        ),
    ]

    private static let byName: [String: Key] = Dictionary(uniqueKeysWithValues: keys.map { ($0.name, $0) })

    /// The key named `name`, if it exists.
    public static func key(_ name: String) -> Key? { byName[name] }

    /// Whether `name` is a section (the part before a dot of some key), such as `database`.
    public static func isSection(_ name: String) -> Bool {
        keys.contains { $0.name.hasPrefix(name + ".") }
    }

    /// The environment variable that overrides `key`: `database.url` → `FINRCA_DATABASE_URL`.
    public static func environmentName(for key: String) -> String {
        "FINRCA_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }
}
