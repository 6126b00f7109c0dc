import GLPK
import Foundation
import Tabular

/// A Generalized Assignment Problem instance (OR-Library format): assign each of `jobs`
/// jobs to exactly one of `agents` agents; job j uses `resource[i][j]` of agent i's
/// `capacity[i]` and earns or costs `cost[i][j]`. Mentors with monthly hours and mentees whose
/// sessions plus travel take pair-dependent hours are this problem.
public struct GAPInstance: Sendable, Equatable {
    /// The instance's name (`gap12-3`: file and position).
    public var name: String
    /// Agents (rows), m.
    public var agents: Int
    /// Jobs (columns), n.
    public var jobs: Int
    /// cost[i][j]
    public var cost: [[Int]]
    /// resource[i][j]
    public var resource: [[Int]]
    /// capacity[i], agent i's resource.
    public var capacity: [Int]

    /// Reads a file of whitespace-separated integers: the instance count P, then per instance
    /// `m n`, m rows of n costs, m rows of n resource uses, m capacities. Instances are named
    /// `FILE-k` (file name without extension, k from 1).
    /// - Complexity: `O(file size)`.
    public static func read(path: String) throws -> [GAPInstance] {
        let data = try InputFile.contents(path, name: path)
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var numbers: [Int] = []
        var lines: [Int] = []
        // Tokens are runs of non-blank bytes; lines end at LF, CRLF or a lone CR.
        var line = 1, token: [UInt8] = [], previous: UInt8 = 0
        func flush() throws {
            guard !token.isEmpty else { return }
            guard let v = Int(String(decoding: token, as: UTF8.self)), abs(v) <= maxMagnitude else {
                throw InputError.invalid([InputIssue(file: path, line: line, message:
                    "\(Echo.shown(String(decoding: token, as: UTF8.self), Echo.number)) is not an integer within ±\(maxMagnitude)")])
            }
            numbers.append(v); lines.append(line); token.removeAll(keepingCapacity: true)
        }
        for b in data {
            switch b {
            case 0x20, 0x09: try flush()
            case 0x0A: try flush(); if previous != 0x0D { line += 1 }
            case 0x0D: try flush(); line += 1
            default: token.append(b)
            }
            previous = b
        }
        try flush()
        var pos = 0
        func next(_ what: String) throws -> Int {
            guard pos < numbers.count else {
                throw InputError.invalid([InputIssue(file: path, line: lines.last ?? 0, message: "file ends before \(what)")])
            }
            defer { pos += 1 }
            return numbers[pos]
        }
        func bad(_ what: String) -> InputError {
            .invalid([InputIssue(file: path, line: lines[max(0, pos - 1)], message: what)])
        }
        let count = try next("the instance count")
        guard (1...1_000).contains(count) else { throw bad("the instance count must be in [1, 1000]") }
        var out: [GAPInstance] = []
        for k in 1...count {
            let m = try next("the agent count"), n = try next("the job count")
            guard (1...100_000).contains(m), (1...10_000_000).contains(n), m * n <= 10_000_000 else {
                throw bad("instance \(k): \(m) agents × \(n) jobs is outside 1 ≤ agents·jobs ≤ 10,000,000")
            }
            var cost = [[Int]](), resource = [[Int]]()
            for _ in 0..<m { cost.append(try (0..<n).map { _ in try next("a cost") }) }
            for _ in 0..<m {
                resource.append(try (0..<n).map { _ in
                    let r = try next("a resource use")
                    guard r >= 0 else { throw bad("instance \(k): a resource use is negative") }
                    return r
                })
            }
            let capacity = try (0..<m).map { _ in
                let c = try next("a capacity")
                guard c >= 0 else { throw bad("instance \(k): a capacity is negative") }
                return c
            }
            out.append(GAPInstance(name: "\(base)-\(k)", agents: m, jobs: n, cost: cost, resource: resource, capacity: capacity))
        }
        if pos < numbers.count { throw InputError.invalid([InputIssue(file: path, line: lines[pos], message: "numbers follow the last instance")]) }
        return out
    }

    /// The largest |number| accepted: sums over ten million jobs stay far inside `Int` and
    /// GLPK's doubles stay exact.
    public static let maxMagnitude = 1_000_000_000

    /// Known optima from an `optima.tsv` (columns instance, agents, jobs, sense, optimum), by name.
    public static func knownOptima(path: String) -> [String: Int] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var out: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t")
            if f.count >= 5, let v = Int(f[4]) { out[String(f[0])] = v }
        }
        return out
    }
}
