import Foundation
internal import GLPK
import MinCostFlow
import Tabular

/// Writes the core model of a prepared run in formats other solvers read, so any solver can
/// be run on exactly the same instance.
public enum ModelExport {
    /// The formats `pendamping export` writes.
    public enum Format: String, CaseIterable, Sendable {
        /// DIMACS min-cost flow (`p min`): the network the network solver solves.
        case dimacs
        /// CPLEX LP, written by GLPK.
        case lp
        /// Free MPS, written by GLPK.
        case mps
    }

    /// Writes `model` to `path` atomically (a temporary file beside it, then a rename),
    /// creating missing directories above it; refuses to replace one of `inputs`.
    /// LP and MPS minimise Σ −score·x (MPS has no objective sense), so every format's optimum
    /// is −(objective of the non-fixed pairs) in integer score units, the same number.
    /// - Complexity: `O(pairs)`.
    @_spi(Stages) public static func write(_ model: MatchingModel, format: Format, to path: String, inputs: [String] = []) throws {
        let url = try OutputPath.resolve(path, what: "output file")
        try OutputPath.refuseInputs(inputs, inside: url)
        try OutputPath.createParent(url.deletingLastPathComponent())
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw OutputError.cannotCreate("\(path) is a directory; name a file")
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        defer { try? FileManager.default.removeItem(at: temporary) }
        switch format {
        case .dimacs:
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(dimacs(model).utf8)) else {
                throw OutputError.cannotCreate("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        case .lp, .mps:
            // The free part, as in DIMACS: fixed pairs' mentees out, their mentors' capacity reduced.
            let fixed = model.fixedPart()
            let (lm, _) = model.linearModel(mentees: fixed.freeMentees, mentors: Array(0..<Int32(model.graph.mentorCount)),
                                            sense: .minimize, capacity: fixed.free.map { max(0, $0) })
            try GLPK.withProblem { p in
                try p.load(lm)
                try p.write(to: temporary.path, format: format == .lp ? .lp : .mps)
            }
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw OutputError.cannotCreate("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The free part of the core model (fixed pairs taken out) as DIMACS min-cost flow text.
    /// Nodes: free mentees, mentors with free capacity, the sink. `O(pairs)`.
    @_spi(Stages) public static func dimacs(_ model: MatchingModel) -> String {
        let g = model.graph
        let fixed = model.fixedPart()
        let fixedScore = fixed.assignment.objective
        let core = CoreNetwork(model: model, mentees: fixed.freeMentees, mentorsInScope: Array(0..<Int32(g.mentorCount)),
                               freeCapacity: fixed.free)
        let net = core.network
        var out = "c Pendamping core model: min-cost flow, mentee -> mentor -> sink\n"
        out += "c nodes 1..\(core.mentees.count) mentees, then \(core.mentors.count) mentors, node \(net.nodeCount) the sink\n"
        out += "c costs are -score (1e6 per unit score); fixed pairs contribute \(fixedScore) and are not in this file\n"
        out += "p min \(net.nodeCount) \(net.arcCount)\n"
        for v in 0..<net.nodeCount where net.supply[v] != 0 { out += "n \(v + 1) \(net.supply[v])\n" }
        for e in 0..<net.arcCount {
            let cap = net.capacity[e] >= FlowNetwork.unbounded ? 1 : net.capacity[e]
            out += "a \(net.source[e] + 1) \(net.target[e] + 1) 0 \(cap) \(net.cost[e])\n"
        }
        return out
    }
}
