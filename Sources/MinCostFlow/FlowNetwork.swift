/// A directed network for min-cost flow: node supplies, arcs with capacity and cost.
///
/// Arc flows are bounded by `0 ≤ flow ≤ capacity`; ``FlowNetwork/unbounded`` marks an arc
/// with no upper bound. Supplies must sum to zero (a demand is a negative supply).
/// Indices are `Int32`, amounts and costs `Int64`.
public struct FlowNetwork: Sendable {
    /// The capacity of an arc with no upper bound.
    public static let unbounded: Int64 = Int64.max / 4
    /// The largest |cost| accepted, so that potentials and objectives cannot overflow.
    public static let maxCost: Int64 = 1 << 40

    public private(set) var nodeCount: Int
    public var supply: [Int64]
    public private(set) var source: [Int32] = []
    public private(set) var target: [Int32] = []
    public private(set) var capacity: [Int64] = []
    public private(set) var cost: [Int64] = []

    public var arcCount: Int { source.count }

    public init(nodeCount: Int, arcCapacity: Int = 0) {
        precondition(nodeCount >= 0 && nodeCount < Int(Int32.max) - 1)
        self.nodeCount = nodeCount
        supply = Array(repeating: 0, count: nodeCount)
        source.reserveCapacity(arcCapacity); target.reserveCapacity(arcCapacity)
        capacity.reserveCapacity(arcCapacity); cost.reserveCapacity(arcCapacity)
    }

    /// Adds an arc and returns its index. `O(1)` amortised.
    @discardableResult
    public mutating func addArc(from u: Int32, to v: Int32, capacity c: Int64, cost w: Int64) -> Int32 {
        source.append(u); target.append(v); capacity.append(c); cost.append(w)
        return Int32(source.count - 1)
    }

    /// Sets an arc's cost (e.g. between the solves of a Lagrangian relaxation). `O(1)`.
    public mutating func setCost(arc e: Int, _ w: Int64) { cost[e] = w }

    /// Checks indices, bounds and the overflow guards. `O(nodes + arcs)`.
    public func validate() throws(FlowError) {
        var total: Int64 = 0
        for s in supply {
            guard abs(s) < FlowNetwork.unbounded else { throw .invalid("supply \(s) out of range") }
            total += s
        }
        guard total == 0 else { throw .invalid("supplies sum to \(total), not 0") }
        var costSum: Int64 = 0
        for e in 0..<arcCount {
            guard source[e] >= 0, Int(source[e]) < nodeCount, target[e] >= 0, Int(target[e]) < nodeCount else {
                throw .invalid("arc \(e) has an endpoint out of range")
            }
            guard capacity[e] >= 0, capacity[e] <= FlowNetwork.unbounded else { throw .invalid("arc \(e) capacity \(capacity[e]) out of range") }
            guard abs(cost[e]) <= FlowNetwork.maxCost else { throw .invalid("arc \(e) |cost| above 2^40") }
            costSum += abs(cost[e])
            guard costSum < Int64.max / 8 else { throw .invalid("sum of |cost| too large for exact Int64 arithmetic") }
        }
    }
}

/// A call that could not be carried out (as opposed to a ``FlowStatus``).
public enum FlowError: Error, Equatable, Sendable {
    case invalid(String)
    case invalidStart(String)
    case overflow(String)
}

/// What is true of the network after a solve.
public enum FlowStatus: String, Sendable {
    case optimal, infeasible, unbounded
}
