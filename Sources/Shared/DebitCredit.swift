/// SAP's debit/credit indicator and the one rule that signs an amount.
///
/// `S` (Soll, debit) is `+value` and `H` (Haben, credit) is `-value`; nothing else is accepted. The database
/// applies the same rule in the generated column `finance_expense.amount`; every load checks that its own
/// control total, computed with ``signedAmount(value:)``, equals the database's sum before it commits.
public enum DebitCredit: UInt8, Sendable, Hashable {
    /// Soll: a debit, added.
    case debit = 0x53  // "S"
    /// Haben: a credit, subtracted.
    case credit = 0x48  // "H"

    /// The indicator for an ASCII byte (`S`/`s` or `H`/`h`), or nil for anything else.
    @inlinable
    public init?(byte: UInt8) {
        switch byte {
        case 0x53, 0x73: self = .debit
        case 0x48, 0x68: self = .credit
        default: return nil
        }
    }

    /// The signed amount in minor units for a value in minor units: `+value` for S, `-value` for H.
    @inlinable
    public func signedAmount(value: Int64) -> Int64 {
        self == .debit ? value : -value
    }
}
