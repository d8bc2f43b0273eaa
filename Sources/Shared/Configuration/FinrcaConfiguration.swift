import Foundation

/// finrca's whole configuration, validated. Build it with ``load(file:environment:flags:)``.
public struct FinrcaConfiguration: Sendable {
    /// Database connection settings.
    public var database: DatabaseConfiguration
    /// Ingest settings.
    public var ingest: IngestConfiguration
    /// Logging settings.
    public var log: LogConfiguration
    /// Detector settings.
    public var detector: DetectorConfiguration
    /// Alert routes (empty when `notify.routes_file` is not set).
    public var routes: AlertRoutes
    /// Notifier settings.
    public var notify: NotifyConfiguration
    /// HTTP API settings.
    public var server: ServerConfiguration

    /// Creates a configuration from its parts; every part has defaults.
    public init(
        database: DatabaseConfiguration = DatabaseConfiguration(),
        ingest: IngestConfiguration = IngestConfiguration(),
        log: LogConfiguration = LogConfiguration(),
        detector: DetectorConfiguration = DetectorConfiguration(),
        routes: AlertRoutes = AlertRoutes(routes: []),
        notify: NotifyConfiguration = NotifyConfiguration(),
        server: ServerConfiguration = ServerConfiguration()
    ) {
        self.database = database
        self.ingest = ingest
        self.log = log
        self.detector = detector
        self.routes = routes
        self.notify = notify
        self.server = server
    }

    /// Layers defaults, the YAML `file` (when given), `environment` and `flags`, then validates every key.
    ///
    /// - Parameters:
    ///   - file: Path of a YAML file; nil means none. A path that does not exist is an error.
    ///   - environment: Usually `ProcessInfo.processInfo.environment`.
    ///   - flags: Values set on the command line, keyed by config key, with the flag's name as their source.
    /// - Throws: ``ConfigurationError`` naming the key, where the value came from, and why it is invalid.
    public static func load(
        file: String?,
        environment: [String: String],
        flags: [String: (value: String, flag: String)] = [:]
    ) throws -> FinrcaConfiguration {
        var values = ConfigValues()
        for key in ConfigurationSchema.keys {
            if let value = key.defaultValue { values.set(key.name, value, source: "default") }
        }
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ConfigurationError(
                    key: "(file)",
                    source: file,
                    reason: "cannot read the file: \(error.localizedDescription)"
                )
            }
            try values.merge(yaml: text, source: file)
            for key in ConfigurationSchema.keys where key.isSecret {
                if values[key.name]?.source == file {
                    throw ConfigurationError(
                        key: key.name,
                        source: file,
                        reason:
                            "secrets are not read from files; set \(ConfigurationSchema.environmentName(for: key.name))"
                    )
                }
            }
            if values["database.url"]?.source == file, let url = values["database.url"]?.value,
                URLComponents(string: url)?.password != nil
            {
                throw ConfigurationError(
                    key: "database.url",
                    source: file,
                    reason: "a password in the URL is not read from files; set FINRCA_DATABASE_PASSWORD"
                )
            }
        }
        values.merge(environment: environment)
        for (key, flag) in flags {
            values.set(key, flag.value, source: flag.flag)
        }
        let reader = ConfigReader(values: values)
        return FinrcaConfiguration(
            database: try DatabaseConfiguration(reader: reader),
            ingest: try IngestConfiguration(reader: reader),
            log: try LogConfiguration(reader: reader),
            detector: try DetectorConfiguration(reader: reader),
            routes: try reader.string("notify.routes_file").flatMap { $0.isEmpty ? nil : $0 }
                .map(AlertRoutes.load(path:))
                ?? AlertRoutes(routes: []),
            notify: try NotifyConfiguration(reader: reader),
            server: try ServerConfiguration(reader: reader)
        )
    }
}

/// Typed, validated access to ``ConfigValues``; every failure names the key and the value's source.
public struct ConfigReader: Sendable {
    let values: ConfigValues

    /// Wraps `values`.
    public init(values: ConfigValues) {
        self.values = values
    }

    /// The text of `key`, or nil when no layer set it.
    public func string(_ key: String) -> String? {
        values[key]?.value
    }

    /// Where `key`'s value came from (`default` when unset).
    public func source(_ key: String) -> String {
        values[key]?.source ?? "default"
    }

    /// An error for `key` with its source filled in.
    public func error(_ key: String, _ reason: String) -> ConfigurationError {
        ConfigurationError(key: key, source: source(key), reason: reason)
    }

    /// A required integer within `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) throws -> Int {
        guard let text = string(key), let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw error(key, "expected a whole number, found '\(string(key) ?? "")'")
        }
        guard range.contains(value) else {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    /// A comma-separated list (a YAML list of scalars arrives joined by commas); empty items are dropped.
    public func list(_ key: String) -> [String] {
        (string(key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A required number within `range`.
    public func double(_ key: String, in range: ClosedRange<Double>) throws -> Double {
        guard let text = string(key), let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite
        else {
            throw error(key, "expected a number, found '\(string(key) ?? "")'")
        }
        guard range.contains(value) else {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    /// A required value from a fixed set of choices.
    public func choice(_ key: String, of choices: [String]) throws -> String {
        let value = (string(key) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard choices.contains(value) else {
            throw error(key, "must be one of \(choices.joined(separator: ", ")), found '\(string(key) ?? "")'")
        }
        return value
    }
}
