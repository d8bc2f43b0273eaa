/// One versioned schema change: statements applied together in one transaction, exactly once.
public struct Migration: Sendable {
    /// Increasing version number; never reused.
    public var version: Int
    /// Short name shown by `finrca migrate`.
    public var name: String
    /// SQL statements, run in order; each is one statement (the extended protocol takes one at a time).
    public var statements: [String]

    /// Creates a migration.
    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// A checksum of the statements, stored when applied, so an edited migration is detected instead of
    /// silently diverging from databases that ran the old text. FNV-1a, 64 bit, as hex.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for statement in statements {
            for byte in statement.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
