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
    public static let keys: [Key] =
        databaseKeys + ingestKeys + detectorKeys + notifyKeys + serverKeys + serverLimitKeys + chatKeys
        + auditRuleKeys + rankingKeys

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
