import Crypto
import Foundation
import Yams

/// Where the findings that match a rule are sent, and how: one alert per finding, or one digest per run.
///
/// Routes are read from the YAML file named by `notify.routes_file` (see `config/routes.example.yaml`):
/// ```yaml
/// routes:
///   - name: finance-controllers
///     match: { min_severity: high, kinds: [mom_change, root_cause], dimensions: { directorate: [Directorate of Finance] }, min_amount: "100000000.00" }
///     channel: email
///     to: [controller@example.org]
///     mode: immediate
/// ```
public struct AlertRoute: Codable, Sendable, Equatable {
    /// Which findings a route takes; every given condition must hold.
    public struct Match: Codable, Sendable, Equatable {
        /// Lowest severity: info, low, medium, high or critical (default: info).
        public var minSeverity: String?
        /// Finding kinds (default: all).
        public var kinds: [String]?
        /// Dimension → accepted values; the finding's dimension path must hold one of them for each dimension.
        public var dimensions: [String: [String]]?
        /// Smallest |delta| (or |actual| without an expected value), a decimal amount (default: no floor).
        public var minAmount: String?

        enum CodingKeys: String, CodingKey {
            case kinds, dimensions
            case minSeverity = "min_severity"
            case minAmount = "min_amount"
        }

        /// Creates a match.
        public init(
            minSeverity: String? = nil,
            kinds: [String]? = nil,
            dimensions: [String: [String]]? = nil,
            minAmount: String? = nil
        ) {
            self.minSeverity = minSeverity
            self.kinds = kinds
            self.dimensions = dimensions
            self.minAmount = minAmount
        }
    }

    /// The channel's kind.
    public enum Channel: String, Codable, Sendable {
        case email, webhook
    }

    /// One alert per finding, or one per run listing all the run's matching findings.
    public enum Mode: String, Codable, Sendable {
        case immediate, digest
    }

    /// Unique name; part of every idempotency key.
    public var name: String
    /// Conditions.
    public var match: Match
    /// Email or webhook.
    public var channel: Channel
    /// Email recipients.
    public var to: [String]?
    /// Webhook URL.
    public var url: String?
    /// Webhook body: `json` (finrca's payload) or `slack` (a `text` field Slack and Teams accept).
    public var format: String?
    /// Immediate or digest.
    public var mode: Mode

    /// Creates a route.
    public init(
        name: String,
        match: Match = Match(),
        channel: Channel,
        to: [String]? = nil,
        url: String? = nil,
        format: String? = nil,
        mode: Mode = .immediate
    ) {
        self.name = name
        self.match = match
        self.channel = channel
        self.to = to
        self.url = url
        self.format = format
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case name, match, channel, to, url, format, mode
    }

    /// Decodes a route; `match` defaults to every finding and `mode` to immediate.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        match = try container.decodeIfPresent(Match.self, forKey: .match) ?? Match()
        channel = try container.decode(Channel.self, forKey: .channel)
        to = try container.decodeIfPresent([String].self, forKey: .to)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        mode = try container.decodeIfPresent(Mode.self, forKey: .mode) ?? .immediate
    }

    /// Whether a finding with these properties goes to this route.
    public func matches(kind: FindingKind, severity: Severity, dimensions: [String: String], stake: Money) -> Bool {
        if let minimum = match.minSeverity.flatMap(Severity.init(rawValue:)), severity < minimum {
            return false
        }
        if let kinds = match.kinds, !kinds.contains(kind.rawValue) { return false }
        for (dimension, accepted) in match.dimensions ?? [:] {
            guard let value = dimensions[dimension], accepted.contains(value) else { return false }
        }
        if let text = match.minAmount, let floor = Money(decimalText: text),
            stake.minorUnits.magnitude < floor.minorUnits.magnitude
        {
            return false
        }
        return true
    }

    /// The stable idempotency key of this route's alert for a finding (immediate) or for a run (digest): the
    /// same inputs give the same key in every process, so a redelivery can be recognised by the receiver.
    public func idempotencyKey(fingerprint: String? = nil, runID: Int64? = nil) -> String {
        let subject = mode == .immediate ? "finding:\(fingerprint ?? "")" : "run:\(runID ?? 0)"
        let digest = SHA256.hash(data: Data("\(name)\u{1F}\(subject)".utf8))
        return "finrca-" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// The routes file, checked.
public struct AlertRoutes: Codable, Sendable, Equatable {
    /// All routes, in file order.
    public var routes: [AlertRoute]

    /// Creates a set of routes.
    public init(routes: [AlertRoute]) {
        self.routes = routes
    }

    /// Reads and checks a routes file.
    ///
    /// - Throws: ``ConfigurationError`` naming the route and the problem.
    public static func load(path: String) throws -> AlertRoutes {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                key: "notify.routes_file",
                source: path,
                reason: "cannot read the file: \(error.localizedDescription)"
            )
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses and checks routes from YAML text.
    public static func parse(yaml: String, source: String) throws -> AlertRoutes {
        let routes: AlertRoutes
        do {
            routes = try YAMLDecoder().decode(AlertRoutes.self, from: yaml)
        } catch {
            throw ConfigurationError(key: "routes", source: source, reason: "not a valid routes file: \(error)")
        }
        var names = Set<String>()
        for route in routes.routes {
            func fail(_ reason: String) -> ConfigurationError {
                ConfigurationError(key: "routes.\(route.name)", source: source, reason: reason)
            }
            guard names.insert(route.name).inserted else { throw fail("the name is used twice") }
            if let severity = route.match.minSeverity, Severity(rawValue: severity) == nil {
                throw fail("min_severity must be one of \(Severity.choices)")
            }
            if let unknown = route.match.kinds?.first(where: { FindingKind(rawValue: $0) == nil }) {
                throw fail("kinds: '\(unknown)' is not a finding kind (\(FindingKind.choices))")
            }
            if let amount = route.match.minAmount, Money(decimalText: amount) == nil {
                throw fail("min_amount '\(amount)' is not a decimal amount")
            }
            switch route.channel {
            case .email:
                guard let to = route.to, !to.isEmpty, to.allSatisfy({ $0.contains("@") }) else {
                    throw fail("an email route needs `to:` with at least one address")
                }
            case .webhook:
                guard let url = route.url.flatMap(URL.init(string:)), ["http", "https"].contains(url.scheme ?? "")
                else {
                    throw fail("a webhook route needs an http(s) `url:`")
                }
                guard ["json", "slack"].contains(route.format ?? "json") else {
                    throw fail("format must be json or slack")
                }
            }
        }
        return routes
    }
}
