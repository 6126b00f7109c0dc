@_spi(Stages) @testable import Pendamping
import Testing

/// Which method solves a match, from the profile, the objective, the solver choice and what
/// the candidates show: each case as the command-line guide states it.
@Suite struct SolvePlanTests {
    func plan(_ objective: MatchObjective = .score, _ solver: SolverChoice = .auto, rules: Bool = false, mentorsPerMentee: Int = 1) throws -> SolvePlan {
        var p = Profile.default
        p.mentorsPerMentee = mentorsPerMentee
        if rules { p.constraints.minMentees = 2 }
        return try SolvePlan.make(profile: p, objective: objective, solver: solver)
    }

    @Test func theMethodFollowsTheOptionsAndTheCandidates() throws {
        // The core model: the network simplex under auto and network, GLPK's methods when asked.
        #expect(try plan().resolve(hasOnlinePairs: false, hasRules: false) == .network)
        #expect(try plan(.score, .network).resolve(hasOnlinePairs: false, hasRules: false) == .network)
        #expect(try plan(.score, .glpk).resolve(hasOnlinePairs: false, hasRules: false) == .glpk(.simplex))
        #expect(try plan(.score, .glpkMIP).resolve(hasOnlinePairs: false, hasRules: false) == .glpk(.intopt))
        // Programme rules: auto or GLPK, never the network solver alone.
        #expect(try plan(.score, .auto, rules: true).resolve(hasOnlinePairs: false, hasRules: true) == .rules)
        #expect(try plan(.score, .glpk, rules: true).resolve(hasOnlinePairs: false, hasRules: true) == .rules)
        #expect(throws: UnsupportedOptions.self) { try plan(.score, .network, rules: true) }
        // Co-mentoring: its own network, the score objective, no rules.
        #expect(try plan(mentorsPerMentee: 2).resolve(hasOnlinePairs: false, hasRules: false) == .coMentoring)
        #expect(throws: UnsupportedOptions.self) { try plan(.score, .auto, rules: true, mentorsPerMentee: 2) }
        #expect(throws: UnsupportedOptions.self) { try plan(.maxmin, .auto, mentorsPerMentee: 2) }
        #expect(throws: UnsupportedOptions.self) { try plan(.score, .glpk, mentorsPerMentee: 2) }
        // Other objectives: their own exact methods, on the core model, solver left at auto.
        for objective in [MatchObjective.stableMentee, .stableMentor, .maxmin] {
            #expect(try plan(objective).resolve(hasOnlinePairs: false, hasRules: false) == .objective(objective))
            #expect(throws: UnsupportedOptions.self) { try plan(objective, .glpk) }
            #expect(throws: UnsupportedOptions.self) { try plan(objective, .auto, rules: true) }
            #expect(throws: UnsupportedOptions.self) { try plan(objective).resolve(hasOnlinePairs: true, hasRules: false) }
        }
        // A cap on online pairs: its own network, only when some pair is online, not with rules or GLPK.
        #expect(try plan().resolve(hasOnlinePairs: true, hasRules: false) == .onlineShare)
        #expect(throws: UnsupportedOptions.self) { try plan(.score, .glpk).resolve(hasOnlinePairs: true, hasRules: false) }
        #expect(throws: UnsupportedOptions.self) { try plan(.score, .auto, rules: true).resolve(hasOnlinePairs: true, hasRules: true) }
        #expect(throws: UnsupportedOptions.self) { try plan(mentorsPerMentee: 2).resolve(hasOnlinePairs: true, hasRules: false) }
    }
}
