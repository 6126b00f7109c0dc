/// The greedy assignment that warm-starts the network simplex: pairs taken by weight,
/// highest first, each when its mentee is still free and its mentor has room; ties in the
/// order the core network lays out its arcs (mentee list order, then candidate order).
/// On the generated provinces it reaches 99.9 % of the optimum.
///
/// It reads only the model and a ``CoreNetwork/Scope``, so it can run on one core while the
/// network's arrays are built on the other.
enum GreedyAssignment {
    /// A candidate pair as the greedy pass reads it: the pair, its mentee's position in the
    /// scope and its mentor's position among the scope's mentors.
    struct Entry {
        var pair: Int32
        var mentee: Int32
        var mentor: Int32
    }

    /// The pair of each mentee of `scope` (by position in `scope.mentees`), or -1.
    ///
    /// Pairs are ordered by counting sort on the weight when its range is at most a few times
    /// the pair count (scores are integers up to 10⁶, so always without priority weights or
    /// round bonuses), scattering whole entries so that the greedy pass reads one array in
    /// order; else by a comparison sort.
    /// - Complexity: `O(pairs + weight range)`, or `O(pairs·log pairs)` for a wide range.
    ///
    /// With `seed` (a pair index per global mentee, or -1), each seeded pair whose mentor is in
    /// the scope keeps its mentee first, in scope order while its mentor has room (a warm start
    /// from an earlier optimum: a curation round's previous pairs, a what-if's base run); the
    /// greedy pass then fills the rest.
    static func compute(_ model: MatchingModel, scope: CoreNetwork.Scope, seed: [Int32]? = nil) -> [Int32] {
        let g = model.graph
        let base = Int32(scope.mentees.count)
        var pairOf = [Int32](repeating: -1, count: scope.mentees.count)
        var room = scope.mentors.map { scope.freeCapacity[Int($0)] }
        if let seed {
            for (k, i) in scope.mentees.enumerated() {
                let p = seed[Int(i)]
                guard p >= 0, g.pairs(ofMentee: Int(i)).contains(Int(p)) else { continue }
                let j = scope.node[Int(g.mentor[Int(p)])] - base
                guard j >= 0, room[Int(j)] > 0 else { continue }
                pairOf[k] = p
                room[Int(j)] -= 1
            }
        }
        let order: [Entry] = g.offsets.withUnsafeBufferPointer { offsets in
            g.mentor.withUnsafeBufferPointer { mentorOf in
                model.weight.withUnsafeBufferPointer { weight in
                    scope.node.withUnsafeBufferPointer { node in
                        // Every included pair once, in arc order.
                        func forEachPair(_ body: (Entry, Int64) -> Void) {
                            for (k, i) in scope.mentees.enumerated() {
                                for p in Int(offsets[Int(i)])..<Int(offsets[Int(i) + 1]) {
                                    let j = node[Int(mentorOf[p])]
                                    if j >= 0 { body(Entry(pair: Int32(p), mentee: Int32(k), mentor: j - base), weight[p]) }
                                }
                            }
                        }
                        var low = Int64.max, high = Int64.min, count = 0
                        forEachPair { _, w in low = min(low, w); high = max(high, w); count += 1 }
                        guard count > 0 else { return [] }
                        let span = UInt64(bitPattern: high &- low)
                        guard span < UInt64(4 * count + (1 << 16)) else {
                            var all: [(Entry, Int64)] = []
                            all.reserveCapacity(count)
                            forEachPair { all.append(($0, $1)) }
                            // Stable: equal weights keep arc order.
                            return all.enumerated().sorted { a, b in
                                a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
                            }.map(\.element.0)
                        }
                        var next = [Int32](repeating: 0, count: Int(span) + 1)
                        return next.withUnsafeMutableBufferPointer { next in
                            forEachPair { _, w in next[Int(high - w)] += 1 }
                            var total: Int32 = 0
                            for c in 0..<next.count { let n = next[c]; next[c] = total; total += n }
                            return [Entry](unsafeUninitializedCapacity: count) { out, filled in
                                forEachPair { entry, w in
                                    let c = Int(high - w)
                                    out[Int(next[c])] = entry
                                    next[c] += 1
                                }
                                filled = count
                            }
                        }
                    }
                }
            }
        }
        pairOf.withUnsafeMutableBufferPointer { pairOf in
            room.withUnsafeMutableBufferPointer { room in
                for entry in order where pairOf[Int(entry.mentee)] < 0 && room[Int(entry.mentor)] > 0 {
                    pairOf[Int(entry.mentee)] = entry.pair
                    room[Int(entry.mentor)] -= 1
                }
            }
        }
        return pairOf
    }
}
