import Foundation

/// Byte strings and their codes, found by hash (Swift's seeded `Hasher`) with open addressing and linear probing,
/// the table at most half full. A slot holds the entry's number and the upper half of its hash, so a probe that
/// misses reads nothing else; the bytes of all entries live in one array, so an entry costs no allocation.
struct UTF8Index: Sendable {
    /// Per slot: 0 when empty, else the upper 32 bits of the entry's hash above its number + 1.
    private var slots = [UInt64](repeating: 0, count: 64)
    /// Per entry: its hash, where its bytes end in `bytes` (they start where the previous entry's end), its code.
    private var hashes: [Int] = []
    private var ends: [Int] = []
    private var codes: [Int32] = []
    private var bytes: [UInt8] = []

    /// The hash the index files `bytes` under.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    /// The code of `key` (whose hash is `hash`), or nil when it is not in the index.
    func code(of key: UnsafeRawBufferPointer, hash: Int) -> Int32? {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = hash & mask
        while true {
            let content = slots[slot]
            if content == 0 { return nil }
            if content & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(content & 0xFFFF_FFFF) - 1
                if matches(entry, key) { return codes[entry] }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key` (not in the index; its hash is `hash`) with `code`.
    mutating func insert(_ key: UnsafeRawBufferPointer, hash: Int, code: Int32) {
        if (codes.count + 1) * 2 > slots.count {
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            for entry in hashes.indices { place(entry, hash: hashes[entry]) }
        }
        bytes.append(contentsOf: key)
        hashes.append(hash)
        ends.append(bytes.count)
        codes.append(code)
        place(codes.count - 1, hash: hash)
    }

    private static func tag(_ hash: Int) -> UInt64 {
        UInt64(bitPattern: Int64(hash)) & 0xFFFF_FFFF_0000_0000
    }

    private mutating func place(_ entry: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hash) | UInt64(entry + 1)
    }

    private func matches(_ entry: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = entry == 0 ? 0 : ends[entry - 1]
        guard ends[entry] - start == key.count else { return false }
        guard key.count > 0 else { return true }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0 }
    }
}
