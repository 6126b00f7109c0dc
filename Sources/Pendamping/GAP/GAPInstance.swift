import Foundation

/// A Generalized Assignment Problem instance (OR-Library format): assign each of `jobs`
/// jobs to exactly one of `agents` agents; job j uses `resource[i][j]` of agent i's
/// `capacity[i]` and earns or costs `cost[i][j]`. Mentors with monthly hours and mentees whose
/// sessions plus travel take pair-dependent hours are this problem.
public struct GAPInstance: Sendable, Equatable {
    public var name: String
    public var agents: Int
    public var jobs: Int
    /// cost[i][j]
    public var cost: [[Int]]
    /// resource[i][j]
    public var resource: [[Int]]
    public var capacity: [Int]

    /// Reads a file of whitespace-separated integers: the instance count P, then per instance
    /// `m n`, m rows of n costs, m rows of n resource uses, m capacities. Instances are named
    /// `FILE-k` (file name without extension, k from 1).
    /// - Complexity: `O(file size)`.
    public static func read(path: String) throws -> [GAPInstance] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError.missingFile(path: path, reason: "no such file")
        }
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var numbers: [Int] = []
        var lines: [Int] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                guard let v = Int(token) else {
                    throw InputError.invalid([InputIssue(file: path, line: n + 1, message: "'\(token)' is not an integer")])
                }
                numbers.append(v); lines.append(n + 1)
            }
        }
        var pos = 0
        func next(_ what: String) throws -> Int {
            guard pos < numbers.count else {
                throw InputError.invalid([InputIssue(file: path, line: lines.last ?? 0, message: "file ends before \(what)")])
            }
            defer { pos += 1 }
            return numbers[pos]
        }
        let count = try next("the instance count")
        guard count >= 1 else { throw InputError.invalid([InputIssue(file: path, line: 1, message: "instance count must be ≥ 1")]) }
        var out: [GAPInstance] = []
        for k in 1...count {
            let m = try next("the agent count"), n = try next("the job count")
            guard m >= 1, n >= 1, m * n <= 10_000_000 else {
                throw InputError.invalid([InputIssue(file: path, line: lines[pos - 1], message: "instance \(k): bad size \(m) × \(n)")])
            }
            var cost = [[Int]](), resource = [[Int]]()
            for _ in 0..<m { cost.append(try (0..<n).map { _ in try next("a cost") }) }
            for _ in 0..<m { resource.append(try (0..<n).map { _ in try next("a resource use") }) }
            let capacity = try (0..<m).map { _ in try next("a capacity") }
            out.append(GAPInstance(name: "\(base)-\(k)", agents: m, jobs: n, cost: cost, resource: resource, capacity: capacity))
        }
        return out
    }

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
