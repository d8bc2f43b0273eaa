/// Strings replaced by dense integer codes, assigned in order of first appearance; code 0 is "absent" (NULL).
///
/// Values are found by their UTF-8 bytes (``code(utf8:)``), so the reader codes a text cell without making a
/// `String` of it unless the value is new. Two values are one when Swift's `==` says so (canonical equivalence):
/// while every value seen is ASCII, that is equal bytes; from the first non-ASCII value on, a value whose bytes
/// are new is also looked up as a `String` among all values before it gets a code of its own.
public struct Dictionary32: Sendable {
    /// Values by code; `values[0]` is the empty string standing for NULL.
    public private(set) var values: [String] = [""]
    /// Every byte form seen, with its code.
    private var index = UTF8Index()
    /// Every value by `String` equality; nil while every value seen is ASCII.
    private var equivalents: [String: Int32]?

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
        if let code = index.code(of: bytes, hash: hash) { return code }
        let value = String(decoding: bytes, as: UTF8.self)
        if equivalents == nil, bytes.contains(where: { $0 >= 0x80 }) {
            var all: [String: Int32] = [:]
            all.reserveCapacity(values.count)
            for code in values.indices.dropFirst() { all[values[code]] = Int32(code) }
            equivalents = all
        }
        if let code = equivalents?[value] {
            index.insert(bytes, hash: hash, code: code)
            return code
        }
        let code = Int32(values.count)
        values.append(value)
        equivalents?[value] = code
        index.insert(bytes, hash: hash, code: code)
        return code
    }

    /// The string for `code` (nil for 0).
    public func value(_ code: Int32) -> String? {
        code == 0 ? nil : values[Int(code)]
    }

    /// Number of codes including 0.
    public var count: Int { values.count }
}
