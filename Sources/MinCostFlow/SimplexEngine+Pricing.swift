/// Where block pricing stands: the next arc to read and the length of a block.
///
/// Block pricing (Grigoriadis, "An efficient implementation of the network simplex method",
/// *Mathematical Programming Study* 26, 1986; AMO §11.5 describes the family of partial
/// pricing rules it belongs to) reads the arcs round-robin in blocks and lets the most
/// violating arc of the first block that holds an eligible one enter. A block never runs past
/// the last arc (reading goes on at arc 0 with a new block), and one whole round of the arcs
/// without an eligible arc proves the basis optimal.
struct BlockPricing {
    /// Arcs read per block.
    let blockLength: Int
    /// The first arc of the next block.
    var nextArc = 0
}

extension SimplexEngine {
    /// How far arc `a` violates its optimality condition (AMO conditions 11.1, p. 408: an arc in
    /// L needs `c^π ≥ 0`, an arc in U needs `c^π ≤ 0`); positive exactly when it is eligible to
    /// enter. An arc in T has `c^π = 0`, so it scores 0 whichever side is read.
    @inline(__always) func violation(_ a: Int) -> Int64 {
        let rc = reducedCost(a)
        return position[a] == .atUpper ? rc : 0 &- rc
    }

    /// The entering arc by block pricing (see ``BlockPricing``), or nil when no arc is eligible
    /// and the basis is optimal. Ties within a block go to the lower arc index.
    /// - Complexity: `O(blockLength)` per block read; `O(arcs)` for the last, proving round.
    @inline(__always) func selectEnteringArc(_ pricing: inout BlockPricing) -> Int? {
        var unread = arcs
        while unread > 0 {
            let first = pricing.nextArc
            let end = min(first + pricing.blockLength, arcs, first + unread)
            var chosen = -1
            var largest: Int64 = 0
            for a in first..<end {
                let v = violation(a)
                if v > largest { largest = v; chosen = a }
            }
            unread -= end - first
            pricing.nextArc = end == arcs ? 0 : end
            if chosen >= 0 { return chosen }
        }
        return nil
    }
}
