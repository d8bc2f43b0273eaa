public import Foundation

/// Byte strings numbered in the order they are added (entry 0, 1, …), found by hash (Swift's seeded `Hasher`) with
/// open addressing and linear probing, the table at most half full. A slot holds the entry's number and the upper
/// half of its hash, so a probe that misses reads nothing else; an entry's home slot is the top bits of that half.
/// Growing the table therefore needs no hash again: the slots are placed anew from the bits they hold, in order,
/// so the new table is written almost sequentially (a table of millions of entries is larger than the caches, and
/// placing them at random cost more than the lookups). The bytes of all entries live in one array, so an entry
/// costs its bytes, 8 bytes for where they end and two to four slots of 8 bytes: no allocation of its own.
public struct UTF8Index: Sendable {
    /// Per slot: 0 when empty, else the upper 32 bits of the entry's hash above its number + 1.
    @usableFromInline var slots = [UInt64](repeating: 0, count: 64)
    /// 64 − log2(slot count): a hash's home slot is its top bits, `hash >> shift`.
    @usableFromInline var shift: UInt64 = 58
    /// Per entry: where its bytes end in `bytes` (they start where the previous entry's end).
    @usableFromInline var ends: [Int] = []
    @usableFromInline var bytes: [UInt8] = []

    /// Creates an empty index.
    public init() {}

    /// Number of entries.
    @inlinable public var count: Int { ends.count }

    /// The hash the index files `bytes` under.
    @inlinable public static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    /// The entry whose bytes are `key` (whose hash is `hash`), or nil when it is not in the index.
    @inlinable public func entry(of key: UnsafeRawBufferPointer, hash: Int) -> Int? {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = Int(truncatingIfNeeded: tag >> shift)
        while true {
            let content = slots[slot]
            if content == 0 { return nil }
            if content & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(content & 0xFFFF_FFFF) - 1
                if matches(entry, key) { return entry }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key` (not in the index; its hash is `hash`) as the next entry.
    @inlinable public mutating func append(_ key: UnsafeRawBufferPointer, hash: Int) {
        if (count + 1) * 2 > slots.count {
            let old = slots
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            shift -= 1
            for content in old where content != 0 { place(content) }
        }
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
        place(Self.tag(hash) | UInt64(count))
    }

    /// `body` applied to the bytes of `entry`.
    @inlinable public func withBytes<Result>(of entry: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let start = entry == 0 ? 0 : ends[entry - 1]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[entry]])) }
    }

    @inlinable static func tag(_ hash: Int) -> UInt64 {
        UInt64(bitPattern: Int64(hash)) & 0xFFFF_FFFF_0000_0000
    }

    /// Puts a slot's content (tag and entry number + 1) in the first free slot from its home.
    @inlinable mutating func place(_ content: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: content >> shift)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = content
    }

    @inlinable func matches(_ entry: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = entry == 0 ? 0 : ends[entry - 1]
        guard ends[entry] - start == key.count else { return false }
        guard key.count > 0 else { return true }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0 }
    }
}
