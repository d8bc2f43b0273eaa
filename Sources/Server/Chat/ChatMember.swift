public import Shared

/// A member of a ledger dimension that a question can name, such as cost centre `31090` or supplier `Acme Ltd`.
public struct ChatMember: Sendable, Hashable {
    /// The dimension as the documents name it: `directorate`, `cost_center`, `gl_account`, `supplier`,
    /// `functional_area`.
    public var dimension: String
    /// The member's value as the documents write it.
    public var value: String

    /// Creates a member.
    public init(dimension: String, value: String) {
        self.dimension = dimension
        self.value = value
    }

    /// The dimensions in the order the Detector writes them; their breakdowns are read in this order.
    static let dimensionOrder = ["directorate", "cost_center", "gl_account", "supplier", "functional_area"]

    /// The members listed in the `breakdown_<dimension>` documents (`items[].value`), dimensions in the Detector's
    /// order, members in document order (largest first), without the `(none)` placeholder.
    ///
    /// This only feeds entity recognition, so a missing or odd breakdown contributes no members rather than an
    /// error; the facts themselves are read strictly by ``FactCollector``.
    public static func known(in documents: [String: JSONValue]) -> [ChatMember] {
        let extra = documents.keys.filter { $0.hasPrefix("breakdown_") }
            .map { String($0.dropFirst("breakdown_".count)) }
            .filter { !dimensionOrder.contains($0) }.sorted()
        var members: [ChatMember] = []
        for dimension in dimensionOrder + extra {
            guard let items = documents["breakdown_\(dimension)"]?["items"]?.arrayValue else { continue }
            for item in items {
                guard let value = item["value"]?.stringValue, value != "(none)", !value.isEmpty else { continue }
                members.append(ChatMember(dimension: dimension, value: value))
            }
        }
        return members
    }

    /// How a sentence names a dimension: `cost centre` / `pusat biaya`.
    static func label(ofDimension dimension: String, in language: ChatLanguage) -> String {
        switch (dimension, language) {
        case ("directorate", .english): "directorate"
        case ("directorate", .indonesian): "direktorat"
        case ("cost_center", .english): "cost centre"
        case ("cost_center", .indonesian): "pusat biaya"
        case ("gl_account", .english): "GL account"
        case ("gl_account", .indonesian): "akun GL"
        case ("supplier", .english): "supplier"
        case ("supplier", .indonesian): "pemasok"
        case ("functional_area", .english): "functional area"
        case ("functional_area", .indonesian): "area fungsional"
        default: dimension.replacingUnderscores
        }
    }

    /// `cost centre 31090` / `pusat biaya 31090`.
    func phrase(in language: ChatLanguage) -> String {
        "\(Self.label(ofDimension: dimension, in: language)) \(value)"
    }
}
