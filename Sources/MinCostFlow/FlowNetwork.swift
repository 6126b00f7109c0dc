/// A min-cost flow instance: nodes with supplies, directed arcs with a capacity and a unit cost.
///
/// A feasible flow puts `0 ≤ flow[e] ≤ capacity[e]` on every arc so that, at every node, what
/// leaves minus what enters equals the node's supply (a demand is a negative supply). Arcs
/// whose capacity is ``unbounded`` have no upper limit. Node and arc indices are `Int32`;
/// amounts and costs are exact `Int64`.
///
/// Memory: 24 bytes per arc and 8 per node.
public struct FlowNetwork: Sendable {
    /// The capacity that stands for "no upper limit".
    public static let unbounded: Int64 = Int64.max / 4
    /// The largest accepted |cost| of one arc (2⁴⁰); see ``validate()``.
    public static let maxCost: Int64 = 1 << 40
    /// `Σ|cost|` of a network stays below this (2⁵⁹), which keeps potentials and reduced costs
    /// exact in `Int64`; see ``validate()``.
    public static let costSumLimit: Int64 = 1 << 59

    /// Nodes, numbered from 0.
    public private(set) var nodeCount: Int
    /// Supply of each node; the supplies must add up to zero.
    public var supply: [Int64]
    /// The tail of each arc.
    public private(set) var source: [Int32] = []
    /// The head of each arc.
    public private(set) var target: [Int32] = []
    /// The capacity of each arc (``unbounded`` for none).
    public private(set) var capacity: [Int64] = []
    /// The unit cost of each arc.
    public private(set) var cost: [Int64] = []

    /// Arcs, numbered from 0 in the order added.
    public var arcCount: Int { source.count }

    /// An empty network of `nodeCount` nodes with zero supplies; `arcCapacity` reserves room.
    public init(nodeCount: Int, arcCapacity: Int = 0) {
        precondition(nodeCount >= 0 && nodeCount < Int(Int32.max) - 1, "node count out of Int32 range")
        self.nodeCount = nodeCount
        supply = Array(repeating: 0, count: nodeCount)
        source.reserveCapacity(arcCapacity); target.reserveCapacity(arcCapacity)
        capacity.reserveCapacity(arcCapacity); cost.reserveCapacity(arcCapacity)
    }

    /// A network from whole arrays, one entry per node in `supply` and per arc in the others
    /// (faster than ``addArc(from:to:capacity:cost:)`` for millions of arcs). Nothing is checked
    /// here beyond equal lengths; ``validate()`` checks the rest before a solve.
    public init(supply: [Int64], source: [Int32], target: [Int32], capacity: [Int64], cost: [Int64]) {
        precondition(supply.count < Int(Int32.max) - 1, "node count out of Int32 range")
        precondition(source.count == target.count && source.count == capacity.count && source.count == cost.count,
                     "arc arrays of different lengths")
        nodeCount = supply.count
        self.supply = supply
        self.source = source; self.target = target; self.capacity = capacity; self.cost = cost
    }

    /// Appends the arc `u → v` and returns its index. - Complexity: `O(1)` amortised.
    @discardableResult
    public mutating func addArc(from u: Int32, to v: Int32, capacity c: Int64, cost w: Int64) -> Int32 {
        source.append(u); target.append(v); capacity.append(c); cost.append(w)
        return Int32(source.count - 1)
    }

    /// Replaces one arc's cost, e.g. between two solves of a Lagrangian loop. - Complexity: `O(1)`.
    public mutating func setCost(arc e: Int, _ w: Int64) { cost[e] = w }

    /// Refuses a network the solver cannot treat exactly.
    ///
    /// Checks endpoints, `0 ≤ capacity ≤ unbounded`, `|supply| < unbounded`, supplies summing
    /// to zero, `|cost| ≤ 2⁴⁰` and `Σ|cost| < 2⁵⁹`. The last bound keeps every node potential
    /// (a sum of costs along a tree path plus at most one artificial cost of `1 + Σ|cost|`) and
    /// every reduced cost well inside `Int64`. - Complexity: `O(nodes + arcs)`.
    public func validate() throws(FlowError) {
        var total: Int64 = 0
        for (v, s) in supply.enumerated() {
            guard s > -FlowNetwork.unbounded, s < FlowNetwork.unbounded else {
                throw .invalid("node \(v): supply \(s) outside ±\(FlowNetwork.unbounded)")
            }
            let (sum, overflow) = total.addingReportingOverflow(s)
            guard !overflow else { throw .overflow("the sum of the supplies leaves Int64") }
            total = sum
        }
        guard total == 0 else { throw .invalid("supplies sum to \(total), not 0") }
        var costSum: Int64 = 0
        for e in 0..<arcCount {
            guard source[e] >= 0, Int(source[e]) < nodeCount, target[e] >= 0, Int(target[e]) < nodeCount else {
                throw .invalid("arc \(e) has an endpoint out of range")
            }
            guard capacity[e] >= 0, capacity[e] <= FlowNetwork.unbounded else {
                throw .invalid("arc \(e): capacity \(capacity[e]) outside [0, \(FlowNetwork.unbounded)]")
            }
            guard cost[e] >= -FlowNetwork.maxCost, cost[e] <= FlowNetwork.maxCost else {
                throw .invalid("arc \(e): |cost| above 2^40")
            }
            costSum += abs(cost[e])
            guard costSum < FlowNetwork.costSumLimit else { throw .invalid("the sum of |cost| reaches 2^59, too large for exact Int64 arithmetic") }
        }
    }
}

extension FlowNetwork {
    /// The network with one more node, an artificial root, joined to every node by an
    /// unbounded arc of cost `1 + Σ|cost|` that carries the node's supply (towards the root
    /// for a supply, away from it for a demand), and that spanning tree as a strongly feasible
    /// start. See ``NetworkSimplex`` for why that cost is large enough.
    /// - Complexity: `O(nodes + arcs)`.
    func withArtificialRoot() -> (FlowNetwork, SpanningTreeStart) {
        var augmented = self
        let root = Int32(nodeCount)
        augmented.nodeCount += 1
        augmented.supply.append(0)
        let big = 1 + cost.reduce(0) { $0 + abs($1) }
        var flow = [Int64](repeating: 0, count: arcCount)
        flow.reserveCapacity(arcCount + nodeCount)
        var parentArc = [Int32](repeating: -1, count: nodeCount + 1)
        for v in 0..<nodeCount {
            let b = supply[v]
            parentArc[v] = b >= 0 ? augmented.addArc(from: Int32(v), to: root, capacity: FlowNetwork.unbounded, cost: big)
                                  : augmented.addArc(from: root, to: Int32(v), capacity: FlowNetwork.unbounded, cost: big)
            flow.append(abs(b))
        }
        return (augmented, SpanningTreeStart(root: root, parentArc: parentArc, flow: flow))
    }
}

/// A call that could not be carried out (as opposed to a ``FlowStatus``, which says what is
/// true of a network that was solved).
public enum FlowError: Error, Equatable, Sendable {
    /// The network or the argument breaks a documented precondition.
    case invalid(String)
    /// The given ``SpanningTreeStart`` is not a strongly feasible spanning-tree basis.
    case invalidStart(String)
    /// An exact amount would leave `Int64`.
    case overflow(String)
    /// The caller's stop request ended the solve before it was optimal; there is no result.
    case stopped
}

/// What is true of a solved network.
public enum FlowStatus: String, Sendable {
    /// A minimum-cost flow was found.
    case optimal
    /// No flow meets the supplies within the capacities.
    case infeasible
    /// A cycle of negative cost has no capacity limit, so the cost has no lower bound.
    case unbounded
}
