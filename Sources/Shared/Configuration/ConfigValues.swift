import Foundation
import Yams

/// Flat configuration values keyed by dotted path, layered from defaults, a YAML file, the environment and
/// command-line flags, each value remembering where it came from.
///
/// Precedence, highest first: flags > environment (`FINRCA_` + the key in upper case with `.` as `_`, e.g.
/// `FINRCA_DATABASE_URL` for `database.url`) > file > defaults. Only keys in ``ConfigurationSchema`` are
/// accepted; an unknown key in the file is an error, so a typo never silently falls back to a default.
public struct ConfigValues: Sendable {
    /// A raw value and its origin.
    public struct Entry: Sendable, Equatable {
        /// The value as text, exactly as given.
        public var value: String
        /// Where it came from: `default`, a file path, an environment variable name or a flag.
        public var source: String
    }

    private var entries: [String: Entry] = [:]

    /// Creates an empty set of values.
    public init() {}

    /// The entry for `key`, if any layer set it.
    public subscript(key: String) -> Entry? {
        entries[key]
    }

    /// Sets `key` to `value` from `source`, replacing a lower layer's value.
    public mutating func set(_ key: String, _ value: String, source: String) {
        entries[key] = Entry(value: value, source: source)
    }

    /// Merges a YAML document: nested mappings become dotted keys; scalars and lists of scalars are accepted.
    ///
    /// - Throws: ``ConfigurationError`` for YAML that does not parse, an unknown key, or a value that is not a scalar.
    public mutating func merge(yaml text: String, source: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: "(file)", source: source, reason: "not valid YAML: \(error)")
        }
        guard let node else { return }
        guard case .mapping = node else {
            throw ConfigurationError(key: "(file)", source: source, reason: "the top level must be a mapping of keys")
        }
        try flatten(node, prefix: "", source: source)
    }

    private mutating func flatten(_ node: Node, prefix: String, source: String) throws {
        switch node {
        case .mapping(let mapping):
            for (keyNode, valueNode) in mapping {
                guard let name = keyNode.string else {
                    throw ConfigurationError(key: prefix, source: source, reason: "keys must be strings")
                }
                let key = prefix.isEmpty ? name : "\(prefix).\(name)"
                if case .mapping = valueNode, ConfigurationSchema.isSection(key) {
                    try flatten(valueNode, prefix: key, source: source)
                    continue
                }
                guard ConfigurationSchema.key(key) != nil else {
                    throw ConfigurationError(
                        key: key,
                        source: source,
                        reason:
                            "unknown key; known keys are: \(ConfigurationSchema.keys.map(\.name).joined(separator: ", "))"
                    )
                }
                set(key, try scalarText(valueNode, key: key, source: source), source: source)
            }
        default:
            throw ConfigurationError(key: prefix, source: source, reason: "expected a mapping")
        }
    }

    private func scalarText(_ node: Node, key: String, source: String) throws -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.string
        case .sequence(let sequence):
            return
                try sequence.map { item -> String in
                    guard case .scalar(let scalar) = item else {
                        throw ConfigurationError(key: key, source: source, reason: "list items must be plain values")
                    }
                    guard !scalar.string.contains(",") else {
                        throw ConfigurationError(key: key, source: source, reason: "list items must not contain commas")
                    }
                    return scalar.string
                }
                .joined(separator: ",")
        default:
            throw ConfigurationError(key: key, source: source, reason: "expected a value, found a mapping")
        }
    }

    /// Overlays every known key found in `environment` as `FINRCA_SECTION_KEY`.
    public mutating func merge(environment: [String: String]) {
        for key in ConfigurationSchema.keys {
            let name = ConfigurationSchema.environmentName(for: key.name)
            if let value = environment[name] {
                set(key.name, value, source: name)
            }
        }
    }
}
