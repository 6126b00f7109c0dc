import Tabular

import Foundation

/// A hash table keyed by byte strings, for the reading loop: looking a field up costs a
/// hash of its bytes and one comparison, with no `String` made and no per-process seed to
/// mix (the keys are cells of the user's own file, and the table is never iterated in hash
/// order, so the order of nothing depends on the hash). Open addressing with linear probing,
/// at most half full. - Complexity: `O(key length)` expected per look-up and insertion.
package struct ByteKeyedTable<Value> {
    /// Per slot: the high 32 bits of the key's hash and its entry index + 1 (0: empty), so a
    /// probe reads one word and compares keys only on a matching tag.
    private var slots = [UInt64](repeating: 0, count: 16)
    private var hashes: [UInt64] = []
    private var keyEnds: [Int] = []
    private var keyBytes: [UInt8] = []
    package private(set) var values: [Value] = []

    package var count: Int { values.count }

    package init() {}

    /// Room for `n` keys without growing. `O(n)`.
    package init(capacity n: Int) {
        var size = 16
        while size < 2 * n { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        hashes.reserveCapacity(n); keyEnds.reserveCapacity(n); values.reserveCapacity(n)
    }

    /// The entry of `key`, or the slot where it would go. `O(|key|)` expected.
    @inline(__always)
    private func probe(_ key: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1, tag = h & 0xFFFF_FFFF_0000_0000
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let word = slots[s]
            if word == 0 { return (nil, s) }
            if word & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(word & 0xFFFF_FFFF) - 1
                if equals(e, key) { return (e, s) }
            }
            s = (s + 1) & mask
        }
    }

    /// The entry of `key`, if present. `O(|key|)` expected.
    package func index(of key: UnsafeBufferPointer<UInt8>) -> Int? { probe(key, Self.hash(key)).entry }

    package func value(_ key: UnsafeBufferPointer<UInt8>) -> Value? { index(of: key).map { values[$0] } }

    /// The value of `key`, else `parse` of its text, kept when not nil: a cache for cells
    /// whose reading has no other effect. `O(|key|)` expected, plus `parse` once per
    /// distinct key that parses (and each time for one that does not).
    package mutating func value(_ key: UnsafeBufferPointer<UInt8>, parsing parse: (String) -> Value?) -> Value? {
        if let known = value(key) { return known }
        guard let parsed = parse(key.string) else { return nil }
        insert(key, parsed)
        return parsed
    }

    /// Adds `key` with `value` unless present; whether it was added. `O(|key|)` amortised.
    @discardableResult
    package mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) -> Bool {
        let h = Self.hash(key)
        var (entry, s) = probe(key, h)
        guard entry == nil else { return false }
        if (values.count + 1) * 2 > slots.count {
            grow()
            (entry, s) = probe(key, h)
        }
        slots[s] = h & 0xFFFF_FFFF_0000_0000 | UInt64(values.count + 1)
        hashes.append(h)
        keyBytes.append(contentsOf: key)
        keyEnds.append(keyBytes.count)
        values.append(value)
        return true
    }

    /// Calls `body` with each key, in insertion order. `O(bytes)`.
    package func forEachKey(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        keyBytes.withUnsafeBufferPointer { b in
            var start = 0
            for end in keyEnds { body(UnsafeBufferPointer(rebasing: b[start..<end])); start = end }
        }
    }

    private func equals(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = e == 0 ? 0 : keyEnds[e - 1]
        guard keyEnds[e] - start == key.count else { return false }
        return keyBytes.withUnsafeBufferPointer { b in
            key.count == 0 || memcmp(b.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (e, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = h & 0xFFFF_FFFF_0000_0000 | UInt64(e + 1)
        }
    }

    /// Eight bytes at a time, each word multiplied in and its high bits folded down (a
    /// multiply–xorshift mix); the length is mixed in first. `O(|key|)`.
    @inline(__always)
    package static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(key.count) &* m
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var k = 0
        while k + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* m
            h ^= h >> 32
            k += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while k < key.count { tail |= UInt64(key[k]) << shift; shift += 8; k += 1 }
        h = (h ^ tail) &* m
        return h ^ (h >> 29)
    }
}

extension ByteKeyedTable: Sendable where Value: Sendable {}
