public import Shared

/// The ledger's own names a question may use, and its periods: the members of the directorate, cost centre,
/// GL account, supplier and functional area columns (cost centres and GL accounts also by their names), each
/// with its spend, and the periods that hold lines.
///
/// Built once per detector run (see ``ChatVocabulary/load(client:currency:periods:logger:)``) and kept by the
/// chat; matching a question against it is pure (``MemberMatcher``).
public struct ChatVocabulary: Sendable {
    /// One member and the names it answers to.
    public struct Entry: Sendable, Hashable {
        /// The dimension and the value as `finance_expense` holds it.
        public var dimension: LedgerDimension
        /// The column's value (a cost centre's id, a supplier's name).
        public var value: String
        /// The member's name when the column is a code (`cost_center_name`, `general_ledger_account_name`).
        public var name: String?
        /// The member's spend in the ledger's currency, which ranks suggestions.
        public var amount: Money
        /// Normalised spellings: the value's words, the name's, and for `Directorate of X` also `X`.
        var spellings: [[String]]

        /// Creates an entry.
        public init(dimension: LedgerDimension, value: String, name: String? = nil, amount: Money) {
            self.dimension = dimension
            self.value = value
            self.name = name
            self.amount = amount
            var spellings = [NameMatching.words(value)]
            if let name, !name.isEmpty { spellings.append(NameMatching.words(name)) }
            let words = spellings[0]
            if dimension == .directorate, words.count > 2, words[0] == "directorate", words[1] == "of" {
                spellings.append(Array(words.dropFirst(2)))
            }
            self.spellings = spellings.filter { !$0.isEmpty }
        }

        /// How answers name it: `directorate Directorate of Finance`, `cost centre 31090 (Treasury)`.
        func phrase(in language: ChatLanguage) -> String {
            let member = ChatMember(dimension: dimension.rawValue, value: value)
            guard let name, !name.isEmpty, name != value else { return member.phrase(in: language) }
            return "\(member.phrase(in: language)) (\(name))"
        }
    }

    /// The members, largest spend first within each dimension.
    public var entries: [Entry]
    /// Periods with lines, in order.
    public var periods: [FiscalPeriod]
    /// The ledger's currency (the served run's main one).
    public var currency: String

    /// Creates a vocabulary.
    public init(entries: [Entry], periods: [FiscalPeriod], currency: String) {
        self.entries = entries
        self.periods = periods.sorted()
        self.currency = currency
    }

    /// The latest period with lines.
    var latestPeriod: FiscalPeriod? { periods.last }

    /// The members of `dimension`, largest spend first.
    func members(of dimension: LedgerDimension) -> [Entry] {
        entries.filter { $0.dimension == dimension }
    }

    /// The periods of the served run's `timeseries_month_year` document (its point labels), or none.
    public static func periods(in documents: [String: JSONValue]) -> [FiscalPeriod] {
        (documents["timeseries_month_year"]?["points"]?.arrayValue ?? [])
            .compactMap { $0["label"]?.stringValue.flatMap(FiscalPeriod.init) }
    }
}
