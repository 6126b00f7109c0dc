import Parallel
import Tabular
internal import GLPK

/// Which engine solves the core model.
public enum SolverChoice: String, Sendable, CaseIterable {
    /// The network solver for the core model; GLPK once side constraints exist.
    case auto
    /// The pure-Swift network simplex (core model only).
    case network
    /// GLPK's simplex on the LP (exact for the core model: totally unimodular).
    case glpk
    /// GLPK's branch and cut on the 0/1 programme.
    case glpkMIP = "glpk-mip"
}

/// Runs the pipeline after parsing: score and candidates → model → solve → explain.
public struct Matcher: Sendable {
    /// Scoring weights, hard rules, k and programme rules.
    public var profile: Profile
    /// Curator decisions: accepted and locked pairs fixed, rejected ones left out.
    public var decisions: Decisions
    /// Which engine solves the core model.
    public var solver: SolverChoice
    /// A time limit for GLPK's solves (programme rules); nil: none.
    public var timeLimit: Duration?
    /// Check the network solver's optimality certificate (primal feasibility, complementary
    /// slackness, equal primal and dual objectives).
    public var certify: Bool
    /// Relative gap at which the rules' branch and cut may stop.
    public var relativeGap: Double = 0
    /// Cut generators and heuristics for the rules' branch and cut (nil: ``RulesSolver/defaultOptions``'s).
    public var cuts: Set<CutGenerator>?
    /// Primal heuristics for the rules' branch and cut (nil: ``RulesSolver/defaultOptions``'s).
    public var heuristics: Set<PrimalHeuristic>?
    /// Stops a running branch and cut (e.g. on Ctrl-C); the best solution found is returned.
    public var stop: SolveStop?
    /// Branch-and-cut progress (incumbent, bound, gap, nodes).
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// A previous round's pairs (mentee id → mentor id): always candidates, and worth the
    /// profile's stability penalty more than other pairs, so they change only for a larger gain.
    public var previous: [String: String] = [:]
    /// What the solve optimises (default: total score).
    public var objective: MatchObjective = .score
    /// Pairs (mentee id → mentor id) to start the network simplex from: an earlier optimum,
    /// such as a curation round's previous pairs or a what-if's base run. Those still among
    /// the candidates and within the capacities seed the start, the rest of it is greedy; the
    /// optimum is the same, reached in fewer pivots. nil: the greedy start alone.
    public var startFrom: [String: String]?

    /// A matcher with the given profile, decisions, solver and options.
    public init(profile: Profile = .default, decisions: Decisions = .init(), solver: SolverChoice = .auto,
                timeLimit: Duration? = nil, certify: Bool = false) {
        self.profile = profile; self.decisions = decisions; self.solver = solver; self.timeLimit = timeLimit
        self.certify = certify
    }

    /// The scored candidate graph and core model of a dataset, before solving.
    public struct Prepared: Sendable {
        /// The scoring model of the dataset under the profile.
        public var scoring: ScoringModel
        /// The candidate pairs, decisions applied.
        public var graph: CandidateGraph
        /// The core model built on the graph.
        @_spi(Stages) public var model: MatchingModel
        /// Curator decision per pair.
        var decisionOf: [PairID: PairDecision]
        var rejected: [Int32: [Int32]]
    }

    /// A line naming the mentors that a minimum cohort keeps empty whatever the solve (empty when none).
    /// - Complexity: `O(m + pairs)`.
    func closedNote(_ rules: ProgrammeRules, _ model: MatchingModel, _ dataset: Dataset) -> [String] {
        guard rules.minCohort.contains(where: { $0 > 0 }) else { return [] }
        let never = rules.cannotOpen(model).enumerated().filter(\.element).map { dataset.mentors[$0.offset].id }
        guard !never.isEmpty else { return [] }
        let shown = never.prefix(10).joined(separator: ", ") + (never.count > 10 ? ", …" : "")
        return ["min_mentees: \(never.count) mentor(s) can never open, their capacity, candidates or hours being too few for the minimum cohort: \(shown)"]
    }

    /// Scores candidates and builds the core model (stages `score+candidates`, `build model`).
    /// - Throws: ``InfeasibleDecisions`` when decisions conflict.
    public func prepare(_ dataset: Dataset, timings: inout StageTimings) throws -> Prepared {
        // The id indexes only serve decisions and a previous round's pairs.
        let byID = !decisions.entries.isEmpty || !previous.isEmpty
        let mentorIndex = byID ? dataset.mentorIndex() : [:], menteeIndex = byID ? dataset.menteeIndex() : [:]
        var rejected: [Int32: [Int32]] = [:], fixed: [Int32: [Int32]] = [:]
        let decisionOf = decisions.byPair
        for e in decisions.entries {
            guard let i = menteeIndex[e.menteeID], let j = mentorIndex[e.mentorID] else { continue }
            if e.decision == .reject { rejected[i, default: []].append(j) } else { fixed[i, default: []].append(j) }
        }

        var include = fixed
        var kept: [(Int32, Int32)] = []
        for (me, mo) in previous.sorted(by: { $0.key < $1.key }) {
            guard let i = menteeIndex[me], let j = mentorIndex[mo], !(rejected[i] ?? []).contains(j) else { continue }
            if !(include[i] ?? []).contains(j) { include[i, default: []].append(j) }
            kept.append((i, j))
        }
        let scoring = try timings.measure("scoring model") { try ScoringModel(dataset: dataset, profile: profile) }
        // A stated choice is a candidate whenever the hard rules allow it, even outside the top k.
        for (i, j) in scoring.ranks.rankedPairs() where !(rejected[i] ?? []).contains(j) && !(include[i] ?? []).contains(j) {
            if scoring.allowedScore(mentee: Int(i), mentor: Int(j), distanceKm: scoring.distanceKm(mentee: Int(i), mentor: Int(j))) != nil {
                include[i, default: []].append(j)
            }
        }
        let graph = timings.measure("score+candidates") {
            CandidateBuilder(scoring: scoring).build(rejected: rejected, fixed: include)
        }
        let model = try timings.measure("build model") { () throws -> MatchingModel in
            var fixedPairs: [Int32] = []
            for (i, js) in fixed { for j in js { fixedPairs.append(Int32(graph.pairIndex(mentee: Int(i), mentor: Int(j))!)) } }
            do {
                let bonusUnits = Int64((profile.stability.penalty * ScoringModel.integerScale).rounded())
                var bonus: [Int32: Int64] = [:]
                if bonusUnits > 0 {
                    for (i, j) in kept { bonus[Int32(graph.pairIndex(mentee: Int(i), mentor: Int(j))!)] = bonusUnits }
                }
                return try MatchingModel(graph: graph, capacity: dataset.mentors.map { Int32($0.capacity) }, fixedPairs: fixedPairs,
                                         priority: dataset.mentees.map(\.priority), bonus: bonus, mentorsPerMentee: profile.mentorsPerMentee)
            } catch MatchingError.infeasibleLocks(let conflicts) {
                throw InfeasibleDecisions(conflicts.map { $0.explain(dataset) })
            }
        }
        return Prepared(scoring: scoring, graph: graph, model: model, decisionOf: decisionOf, rejected: rejected)
    }

    /// Refuses option combinations that cannot work, before any scoring (``SolvePlan``).
    /// - Throws: ``UnsupportedOptions``.
    public func checkOptions() throws { _ = try plan() }

    /// How this matcher solves, as far as the profile and the options decide. - Throws: ``UnsupportedOptions``.
    func plan() throws -> SolvePlan { try SolvePlan.make(profile: profile, objective: objective, solver: solver) }

    /// Matches `dataset`, adding stage timings to `timings`.
    /// - Throws: ``InfeasibleDecisions`` when decisions conflict.
    public func run(_ dataset: Dataset, timings: StageTimings = .init()) throws -> MatchResult {
        let plan = try plan()
        var timings = timings
        let prepared = try prepare(dataset, timings: &timings)
        let (scoring, graph, model) = (prepared.scoring, prepared.graph, prepared.model)
        let (decisionOf, rejected) = (prepared.decisionOf, prepared.rejected)
        // equity_band sets its floors from the core model's optimum and reach.
        let equity = try profile.constraints.equityBand.map { try EquityBasis.compute(model, dataset: dataset, band: $0) }
        let rules = ProgrammeRules(profile: profile, dataset: dataset, graph: graph, scoring: scoring, equity: equity)
        var ruleReport: [RuleReport] = []
        var comparison: ObjectiveComparison?
        var coPairs: CoMentoring.Solution?
        let outcome = try timings.measure("solve") { () throws -> SolveOutcome in
            let online = profile.online.capacityShare < 1 ? onlinePairs(graph, scoring) : nil
            switch try plan.resolve(hasOnlinePairs: online?.contains(true) ?? false, hasRules: !rules.isEmpty) {
            case .coMentoring:
                let (o, chosen) = try solveCoMentoring(model, scoring: scoring, dataset: dataset)
                coPairs = chosen
                return o
            case .objective(let objective):
                let (o, c) = try solve(model, objective: objective, ranks: scoring.ranks)
                comparison = c
                return o
            case .onlineShare:
                return try OnlineShareMatching.solve(model, online: online ?? [], share: profile.online.capacityShare)
            case .network:
                var network = NetworkMatchingSolver(certify: certify)
                network.seed = startFrom.map { seed($0, dataset: dataset, graph: graph) }
                network.stop = stop
                return try network.solve(model)
            case .glpk(let method):
                return try GLPKMatchingSolver(method: method, timeLimit: timeLimit).solve(model)
            case .rules:
                var options = RulesSolver.defaultOptions
                if let timeLimit { options.timeLimit = timeLimit }
                options.relativeGap = relativeGap
                options.choose(cuts: cuts, heuristics: heuristics)
                let report = progress.map { report in { @Sendable (p: MIPProgress) in report(SolveProgress(p)) } }
                let r = try RulesSolver(rules: rules, options: options, stop: stop?.flag, progress: report).solve(model, dataset: dataset)
                ruleReport = r.report
                return r.solve
            }
        }
        let load = try coPairs.map { coMentoringLoad($0, model) } ?? outcome.assignment.verify(model)
        let certificate = try timings.measure("certify") { () throws -> GLPKBasisCertificate.Report? in
            guard certify, rules.isEmpty, objective == .score, coPairs == nil, profile.online.capacityShare >= 1 else { return nil }
            let report = try GLPKBasisCertificate.check(model)
            let fixed = model.fixedPart().assignment.objective
            guard report.agrees, report.networkObjective + fixed == outcome.assignment.objective else {
                throw MatchingError.invalidSolution("certificate failed: \(report), solver objective \(outcome.assignment.objective)")
            }
            return report
        }
        let slotGain = try timings.measure("marginal gains") { () throws -> [Int64]? in
            guard let u = outcome.menteeDual, let v = outcome.mentorDual else { return nil }
            return try MarginalGains.compute(model, outcome.assignment, menteeDual: u, mentorDual: v)
        }

        let (pairs, unassigned) = try timings.measure("explain") { () throws -> ([MatchedPair], [UnassignedMentee]) in
            var pairs: [MatchedPair] = []
            if let coPairs {
                pairs = coMentoringPairs(coPairs, graph: graph, scoring: scoring, dataset: dataset, decisionOf: decisionOf)
            }
            // Each mentee is explained on its own: two halves of them on both cores, joined in order.
            let n = graph.menteeCount, co = coPairs != nil, status = outcome.status, pairOf = outcome.assignment.pairOf
            let online = scoring.onlinePossible
            let halves = concurrentMap(2) { h -> ([MatchedPair], [UnassignedMentee]) in
                var pairs: [MatchedPair] = [], unassigned: [UnassignedMentee] = []
                for i in (h == 0 ? 0..<n / 2 : n / 2..<n) {
                    let p = Int(pairOf[i])
                    if p >= 0 && co { continue }
                    if p >= 0 {
                        let j = graph.mentor[p]
                        var pair = MatchedPair(menteeID: dataset.mentees[i].id, mentorID: dataset.mentors[Int(j)].id,
                                               mentee: Int32(i), mentor: j, score: graph.score[p],
                                               breakdown: scoring.breakdown(mentee: i, mentor: Int(j)),
                                               decision: decisionOf[PairID(dataset.mentees[i].id, dataset.mentors[Int(j)].id)])
                        if online { pair.online = scoring.isOnline(mentee: i, mentor: Int(j)) }
                        pairs.append(pair)
                    } else {
                        unassigned.append(explainUnassigned(i, graph: graph, dataset: dataset, load: load,
                                                            rejected: rejected[Int32(i)] ?? [], status: status))
                    }
                }
                return (pairs, unassigned)
            }
            if co, online {
                for k in pairs.indices { pairs[k].online = scoring.isOnline(mentee: Int(pairs[k].mentee), mentor: Int(pairs[k].mentor)) }
            }
            return (pairs + halves[0].0 + halves[1].0, halves[0].1 + halves[1].1)
        }
        var result = MatchResult(dataset: dataset, profile: profile, graph: graph, scoring: scoring, componentCount: model.components.count,
                                 decisionCount: decisions.entries.count, outcome: outcome, pairs: pairs,
                                 unassigned: unassigned, load: load, slotGain: slotGain,
                                 glpkCertificate: certificate, rules: rules.descriptions + closedNote(rules, model, dataset),
                                 ruleReport: ruleReport, objectiveComparison: comparison, rejected: rejected, timings: timings)
        // Computed once here; the result files, the report and the text summary all use it.
        let snapshot = result
        var stages = result.timings
        result.fairness = stages.measure("fairness") { Fairness(snapshot) }
        result.timings = stages
        return result
    }

    /// Whether each candidate pair is online. `O(pairs)`.
    func onlinePairs(_ graph: CandidateGraph, _ scoring: ScoringModel) -> [Bool] {
        var out = [Bool](repeating: false, count: graph.pairCount)
        for i in 0..<graph.menteeCount where scoring.menteeAllowsOnline(i) {
            for p in graph.pairs(ofMentee: i) { out[p] = scoring.isOnline(mentee: i, mentor: Int(graph.mentor[p])) }
        }
        return out
    }

    func explainUnassigned(_ i: Int, graph: CandidateGraph, dataset: Dataset, load: [Int32], rejected: [Int32],
                           status: MatchStatus) -> UnassignedMentee {
        let range = graph.pairs(ofMentee: i)
        if range.isEmpty {
            if !rejected.isEmpty {
                return UnassignedMentee(menteeID: dataset.mentees[i].id, mentee: Int32(i), reason: .allCandidatesRejected,
                                        detail: "\(rejected.count) allowed mentor(s) rejected by curators")
            }
            let km = graph.nearestWhenNone[i].map { formatFixed($0, 1) } ?? "?"
            var rule = "the profile's rules"
            if let m = profile.rules.maxKm { rule = "max \(formatFixed(m, 1)) km and the other rules" }
            return UnassignedMentee(menteeID: dataset.mentees[i].id, mentee: Int32(i), reason: .noMentorWithinRules,
                                    detail: "no mentor passes \(rule); nearest mentor is \(km) km away")
        }
        let solved = status == .optimal || status == .feasible
        let note = solved ? "" : " (best solution found; solver status \(status.rawValue))"
        if !solved && load.allSatisfy({ $0 == 0 }) {
            return UnassignedMentee(menteeID: dataset.mentees[i].id, mentee: Int32(i), reason: .notSolved, detail: "solver ended with status \(status.rawValue) and no solution")
        }
        let best = Int(graph.mentor[range.lowerBound])
        let fullWith: String
        switch objective {
        case .score: fullWith = "higher-value mentees"
        case .stableMentee, .stableMentor: fullWith = "mentees they prefer (stated choices, then score)"
        case .maxmin: fullWith = "mentees that keep the worst score higher"
        }
        let full = range.filter { load[Int(graph.mentor[$0])] >= dataset.mentors[Int(graph.mentor[$0])].capacity }.count
        if full < range.count {
            return UnassignedMentee(menteeID: dataset.mentees[i].id, mentee: Int32(i), reason: .programmeRules,
                                    detail: "\(range.count - full) candidate mentor(s) have room but the programme rules (minimum cohorts, hours, quotas) keep this mentee out\(note)")
        }
        return UnassignedMentee(menteeID: dataset.mentees[i].id, mentee: Int32(i), reason: .candidatesFull,
                                detail: "\(full) of \(range.count) candidate mentor(s) full with \(fullWith); best candidate \(dataset.mentors[best].id) (score \(formatScore(graph.score[range.lowerBound])))\(note)")
    }
}

/// Curator decisions that cannot all hold, each explained by ids.
public struct InfeasibleDecisions: Error, Sendable, CustomStringConvertible {
    /// Why the decisions cannot all hold, naming mentors and mentees by id.
    public enum Conflict: Sendable, Equatable {
        /// A mentee locked or accepted with `mentors` mentors, more than the profile allows.
        case menteeLockedTwice(mentee: String, mentors: Int)
        /// A mentor with more locked or accepted mentees than its capacity.
        case mentorOverCapacity(mentor: String, locked: Int, capacity: Int)
        /// A mentee locked with `mentors` mentors whose expertise cannot fill as many roles.
        case lockedRolesOverlap(mentee: String, mentors: Int)
        /// A withdrawn mentor (`mentor`) or mentee that still has an accept or lock decision.
        case withdrawnButDecided(mentor: Bool, id: String, decision: String)

        /// The conflict in `language`.
        public func text(_ language: Language) -> String {
            switch (self, language) {
            case (.menteeLockedTwice(let id, let n), .en):
                return "mentee \(id) is locked or accepted with \(n) mentors, more than the profile's mentors_per_mentee allows (1 unless co-mentoring)"
            case (.menteeLockedTwice(let id, let n), .id):
                return "UMKM binaan \(id) dikunci atau diterima dengan \(n) pendamping, lebih dari yang diizinkan mentors_per_mentee profil (1 kecuali pendampingan bersama)"
            case (.mentorOverCapacity(let id, let locked, let cap), .en):
                return "mentor \(id) has \(locked) locked or accepted mentees but capacity \(cap) (over by \(locked - cap))"
            case (.mentorOverCapacity(let id, let locked, let cap), .id):
                return "pendamping \(id) memiliki \(locked) UMKM binaan yang dikunci atau diterima, padahal kapasitasnya \(cap) (lebih \(locked - cap))"
            case (.lockedRolesOverlap(let id, let n), .en):
                return "mentee \(id) is locked or accepted with \(n) mentors, but their expertise does not cover \(n) different needs of it (one mentor may be the general one)"
            case (.lockedRolesOverlap(let id, let n), .id):
                return "UMKM binaan \(id) dikunci atau diterima dengan \(n) pendamping, tetapi keahlian mereka tidak menutup \(n) kebutuhan yang berbeda (satu pendamping boleh yang umum)"
            case (.withdrawnButDecided(let mentor, let id, let d), .en):
                return "\(mentor ? "mentor" : "mentee") \(id) is withdrawn but has a \(d) decision"
            case (.withdrawnButDecided(let mentor, let id, let d), .id):
                return "\(mentor ? "pendamping" : "UMKM binaan") \(id) sudah mundur tetapi masih berkeputusan \(d)"
            }
        }
    }

    /// The conflicts found.
    public var conflicts: [Conflict]
    /// The error of `conflicts`.
    public init(_ conflicts: [Conflict]) { self.conflicts = conflicts }
    /// The conflicts in English, one a line.
    public var description: String { text(.en) }
    /// The conflicts in `language`, one a line.
    public func text(_ language: Language) -> String { conflicts.map { $0.text(language) }.joined(separator: "\n") }
}

extension MatchingError.Conflict {
    func explain(_ d: Dataset) -> InfeasibleDecisions.Conflict {
        switch self {
        case .menteeLockedTwice(let i, let n): return .menteeLockedTwice(mentee: d.mentees[Int(i)].id, mentors: n)
        case .mentorOverCapacity(let j, let locked, let cap): return .mentorOverCapacity(mentor: d.mentors[Int(j)].id, locked: locked, capacity: cap)
        case .lockedRolesOverlap(let i, let n): return .lockedRolesOverlap(mentee: d.mentees[Int(i)].id, mentors: n)
        case .fixedButWithdrawn(let i, let j, let mentorWithdrawn):
            return .withdrawnButDecided(mentor: mentorWithdrawn, id: mentorWithdrawn ? d.mentors[Int(j)].id : d.mentees[Int(i)].id,
                                        decision: PairDecision.lock.rawValue)
        }
    }
}

/// Options that cannot be combined (a usage error, found before any work is done).
public struct UnsupportedOptions: Error, Sendable, CustomStringConvertible {
    /// What cannot be combined, in words.
    public var description: String
    /// The error with `message`.
    public init(_ message: String) { description = message }
}

extension Matcher {
    /// The pair index of each mentee's start pair (or -1): the pairs of `pairs` that are
    /// candidates. - Complexity: `O(pairs · log k)`.
    func seed(_ pairs: [String: String], dataset: Dataset, graph: CandidateGraph) -> [Int32] {
        let menteeIndex = dataset.menteeIndex(), mentorIndex = dataset.mentorIndex()
        var seed = [Int32](repeating: -1, count: graph.menteeCount)
        for (me, mo) in pairs {
            guard let i = menteeIndex[me], let j = mentorIndex[mo], let p = graph.pairIndex(mentee: Int(i), mentor: Int(j)) else { continue }
            seed[Int(i)] = Int32(p)
        }
        return seed
    }
}
