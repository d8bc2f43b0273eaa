/// Which test made a group of payments a possible duplicate; the raw value is `details["rule"]` of the finding.
///
/// The first three are the auditors' same–same–same and same–same–different tests on (supplier, amount,
/// reference / date); the fourth looks for one invoice paid in parts. ``DuplicatePaymentGroups`` defines each.
enum DuplicateRule: String, Sendable, CaseIterable {
    /// Same supplier, same amount, same reference: the same invoice paid again, on any date.
    case sameReference = "same_reference"
    /// Same supplier, same amount, references that differ only in punctuation, a prefix or leading zeros.
    case similarReference = "similar_reference"
    /// Same supplier, same amount within the window, different references that are not one run, an amount not
    /// paid to many suppliers that day and not a schedule.
    case differentReference = "different_reference"
    /// Several payments to one supplier under parts of one reference, adding up to a round amount or to an
    /// approval limit that each part stays under.
    case splitInvoice = "split_invoice"

    /// The rule in words, closing the finding's sentence.
    var sentence: String {
        switch self {
        case .sameReference: "Rule: same supplier, same amount, same reference."
        case .similarReference:
            "Rule: same supplier, same amount, the same reference once punctuation, prefixes and leading zeros "
                + "are removed."
        case .differentReference:
            "Rule: same supplier, same amount, dates within the window, different references that are not one run; "
                + "the amount is not paid to many suppliers that day and is not a recurring schedule."
        case .splitInvoice:
            "Rule: parts of one reference paid to one supplier within the window, adding up to a round amount or "
                + "an approval limit."
        }
    }
}
