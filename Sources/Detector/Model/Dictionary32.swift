import Shared

/// Strings replaced by dense integer codes, assigned in order of first appearance; code 0 is "absent" (NULL).
///
/// Values are found by their UTF-8 bytes (``code(utf8:)``), so the reader codes a text cell without making a
/// `String` of it, and kept only as bytes: ``value(_:)`` makes the `String` when asked (a dictionary of a million
/// references costs their bytes and about 30 bytes each, not a `String` each as well). Two values are one when
/// Swift's `==` says so (canonical equivalence): while every value seen is ASCII, that is equal bytes; from the
/// first non-ASCII value on, a value whose bytes are new is also looked up as a `String` among all values before
/// it gets a code of its own.
public struct Dictionary32: Sendable {
    /// Every byte form seen. Until a byte form joins the code of an equal value, entry `e` is the value of code
    /// `e + 1`.
    private var index = UTF8Index()
    /// Every value by `String` equality; nil while every value seen is ASCII.
    private var equivalents: [String: Int32]?
    /// Codes and entries once a byte form has joined an equal value's code; nil before.
    private var aliases: Aliases?

    /// Per entry its code, and per code its first byte form's entry (`entryOfCode[0]` stands for NULL).
    private struct Aliases: Sendable {
        var codeOfEntry: [Int32]
        var entryOfCode: [Int32]
    }

    /// Creates an empty dictionary.
    public init() {}

    /// The code of `value`, adding it when new; nil (NULL) is code 0.
    public mutating func code(_ value: String?) -> Int32 {
        guard var value else { return 0 }
        return value.withUTF8 { code(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// The code of the value whose UTF-8 bytes are `bytes`, adding it when new.
    mutating func code(utf8 bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = UTF8Index.hash(bytes)
        if let entry = index.entry(of: bytes, hash: hash) { return code(ofEntry: entry) }
        if equivalents == nil, bytes.contains(where: { $0 >= 0x80 }) {
            var all: [String: Int32] = [:]
            all.reserveCapacity(count)
            for code in 1..<Int32(count) { all[value(code)!] = code }
            equivalents = all
        }
        let code: Int32
        if equivalents != nil {
            let value = String(decoding: bytes, as: UTF8.self)
            if let equal = equivalents![value] {
                if aliases == nil {
                    aliases = Aliases(
                        codeOfEntry: (0..<Int32(index.count)).map { $0 + 1 },
                        entryOfCode: [0] + (0..<Int32(index.count))
                    )
                }
                aliases!.codeOfEntry.append(equal)
                index.append(bytes, hash: hash)
                return equal
            }
            code = Int32(count)
            equivalents![value] = code
        } else {
            code = Int32(count)
        }
        aliases?.codeOfEntry.append(code)
        aliases?.entryOfCode.append(Int32(index.count))
        index.append(bytes, hash: hash)
        return code
    }

    /// Per code of `other` (0 included), the code of its value here, adding `other`'s values in the order `other`
    /// first saw their byte forms: this dictionary ends as if `other`'s values had been coded here one by one, in
    /// their order of first appearance, after its own.
    mutating func codes(adding other: Dictionary32) -> [Int32] {
        var codes = [Int32](repeating: 0, count: other.count)
        for entry in 0..<other.index.count {
            codes[Int(other.code(ofEntry: entry))] = other.index.withBytes(of: entry) { code(utf8: $0) }
        }
        return codes
    }

    /// The code of `value` when it has one, without adding it (the empty string answers 0, as the absent value's
    /// name); by `String` equality.
    public func code(of value: String) -> Int32? {
        guard !value.isEmpty else { return 0 }
        var bytes = value
        let found = bytes.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            return index.entry(of: raw, hash: UTF8Index.hash(raw))
        }
        if let found { return code(ofEntry: found) }
        if let equivalents { return equivalents[value] }
        // Every value is ASCII: only a value with other bytes can still be equal to one (the Kelvin sign to K).
        guard value.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        return (1..<Int32(count)).first { self.value($0) == value }
    }

    /// The string for `code` (nil for 0).
    public func value(_ code: Int32) -> String? {
        code == 0 ? nil : withUTF8(of: code) { String(decoding: $0, as: UTF8.self) }
    }

    /// Number of codes including 0.
    public var count: Int { aliases?.entryOfCode.count ?? index.count + 1 }

    /// `body` applied to the UTF-8 bytes of the value of `code` (not 0).
    func withUTF8<Result>(of code: Int32, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        index.withBytes(of: aliases.map { Int($0.entryOfCode[Int(code)]) } ?? Int(code) - 1, body)
    }

    private func code(ofEntry entry: Int) -> Int32 {
        aliases.map { $0.codeOfEntry[entry] } ?? Int32(entry + 1)
    }
}
