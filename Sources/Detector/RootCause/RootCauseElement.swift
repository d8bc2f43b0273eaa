/// One `dimension=value` condition of a root-cause element.
public struct RootCausePair: Sendable, Hashable {
    /// The dimension (column) name, e.g. `cost_center`.
    public var dimension: String
    /// The value the dimension must take, e.g. `CC1042`.
    public var value: String

    /// A condition `dimension=value`.
    public init(dimension: String, value: String) {
        self.dimension = dimension
        self.value = value
    }
}

/// A conjunction of `dimension=value` conditions: the set of leaves that satisfy all of them
/// (for example every posting with `directorate=Adults` and `supplier=Acme`).
///
/// Two elements are equal when they hold the same conditions, whatever their order.
public struct RootCauseElement: Sendable, Hashable, CustomStringConvertible {
    /// The conditions, in the order they were given (the search gives them in the table's dimension order).
    public var pairs: [RootCausePair]

    /// An element from its conditions.
    public init(pairs: [RootCausePair]) {
        self.pairs = pairs
    }

    /// Parses one element in Squeeze form, `a=a1&b=b2`. Returns nil when a condition has no `=`,
    /// an empty dimension name, or a dimension appears twice.
    public init?(squeezeForm text: String) {
        var pairs: [RootCausePair] = []
        for condition in text.split(separator: "&", omittingEmptySubsequences: false) {
            guard let equals = condition.firstIndex(of: "=") else { return nil }
            let dimension = String(condition[..<equals]).rootCauseTrimmed
            let value = String(condition[condition.index(after: equals)...]).rootCauseTrimmed
            guard !dimension.isEmpty, !pairs.contains(where: { $0.dimension == dimension }) else { return nil }
            pairs.append(RootCausePair(dimension: dimension, value: value))
        }
        guard !pairs.isEmpty else { return nil }
        self.pairs = pairs
    }

    /// The element in Squeeze form: `a=a1&b=b2`, conditions in their stored order.
    public var description: String {
        pairs.map { "\($0.dimension)=\($0.value)" }.joined(separator: "&")
    }

    /// Equal when both hold the same set of conditions.
    public static func == (lhs: RootCauseElement, rhs: RootCauseElement) -> Bool {
        Set(lhs.pairs) == Set(rhs.pairs)
    }

    /// Hashes the set of conditions, so that the order of `pairs` does not matter.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Set(pairs))
    }
}

/// The Squeeze text form of a root-cause set: elements joined by `;`, the conditions of one element by `&`
/// (`cdn=5&bitrate=500;isp=A`). Dimension names and values must not contain `;`, `&` or `=`.
public enum RootCauseSqueezeForm {
    /// The set as one line; the empty set is the empty string.
    public static func format(_ elements: [RootCauseElement]) -> String {
        elements.map(\.description).joined(separator: ";")
    }

    /// The elements of one line, or nil when an element is malformed. Blank text is the empty set.
    public static func parse(_ text: String) -> [RootCauseElement]? {
        let trimmed = text.rootCauseTrimmed
        guard !trimmed.isEmpty else { return [] }
        var elements: [RootCauseElement] = []
        for part in trimmed.split(separator: ";", omittingEmptySubsequences: false) {
            guard let element = RootCauseElement(squeezeForm: String(part)) else { return nil }
            elements.append(element)
        }
        return elements
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    fileprivate var rootCauseTrimmed: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
