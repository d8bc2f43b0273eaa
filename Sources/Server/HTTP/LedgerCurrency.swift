import Shared

/// Which currency a route that sums journal lines works in: amounts in different currencies are never added
/// together, so every such route sums the lines of one currency (`company_code_currency_key`).
enum LedgerCurrency {
    /// `requested` when it is one of the served run's currencies; without one, the run's main currency (the one
    /// with the most lines).
    ///
    /// - Throws: ``APIError`` 400 naming the run's currencies when `requested` is not one of them.
    static func chosen(_ requested: String?, snapshot: DocumentSnapshot) throws -> String {
        let main = snapshot.documents["summary"]?.content["currency"]?.stringValue ?? ""
        guard let requested else { return main }
        let known =
            snapshot.documents["currencies"]?.content["currencies"]?.arrayValue?
            .compactMap { $0["currency"]?.stringValue } ?? [main]
        guard known.contains(requested) else {
            throw APIError.badParameter(
                "currency",
                "currency must be one of the ledger's: \(known.joined(separator: ", "))"
            )
        }
        return requested
    }
}
