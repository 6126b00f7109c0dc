/// The ids met in a run of records, for finding repeats. While they come in strictly
/// increasing byte order (exported lists usually come sorted) only the first and the last
/// are kept, and a repeat is impossible; at the first id out of that order, the ids so far
/// are put in a ``ByteKeyedTable`` and every later one goes there too.
/// - Complexity: `O(|id|)` per id while in order; a table look-up after.
package struct IDSet: Sendable {
    /// An empty set.
    package init() {}

    package private(set) var first: [UInt8]?
    package private(set) var last: [UInt8] = []
    /// Every id so far, once the order has broken.
    package private(set) var table: ByteKeyedTable<Void>?

    /// Adds `id`; false when it was already there. `earlier` gives a table of the ids added
    /// so far (called at most once, when the order first breaks).
    package mutating func insert(_ id: UnsafeBufferPointer<UInt8>, earlier: () -> ByteKeyedTable<Void>) -> Bool {
        if table == nil {
            if first == nil {
                first = Array(id); last = Array(id)
                return true
            }
            if last.lexicographicallyPrecedes(id) {
                last.removeAll(keepingCapacity: true); last.append(contentsOf: id)
                return true
            }
            table = earlier()
        }
        return table!.insert(id, ())
    }

    /// Whether no id of `later` (ids of records after these) is among these: at once when
    /// both runs are in order and this one ends below where `later` starts, else through
    /// tables (`tables` gives them for runs still in order). `O(ids of later)` at most.
    package func isDisjoint(with later: IDSet, tables: (_ later: Bool) -> ByteKeyedTable<Void>) -> Bool {
        guard first != nil, let b = later.first else { return true }
        if table == nil, later.table == nil, last.lexicographicallyPrecedes(b) { return true }
        let mine = table ?? tables(false), theirs = later.table ?? tables(true)
        var shared = false
        theirs.forEachKey { key in if !shared, mine.index(of: key) != nil { shared = true } }
        return !shared
    }
}
