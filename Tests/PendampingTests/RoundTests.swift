import Foundation
import Optimisation
@testable import Pendamping
import PendampingSynthetic
import Testing

@Suite struct RoundTests {
    /// A Kalimantan Tengah-like province from the generator (bundled regions), parsed.
    func province(seed: UInt64) throws -> Dataset {
        try ProvinceGenerator(preset: .L, mentees: 3000, mentors: 150, seed: seed, regions: RegionTable.bundled()).generateDataset()
    }

    @Test func roundWithRejectionsAndLocksChangesLessThanFromScratchAndKeepsEveryDecision() throws {
        let d = try province(seed: 5)
        let first = try Matcher().run(d)
        let previous = Dictionary(uniqueKeysWithValues: first.pairs.map { (d.mentees[Int($0.mentee)].id, d.mentors[Int($0.mentor)].id) })
        // 20 rejections of current pairs; 10 locks of unpaired or re-paired mentees to another candidate.
        var rng = SplitMix64(seed: 99)
        var entries: [Decisions.Entry] = []
        var touched = Set<String>()
        let paired = first.pairs.map { (d.mentees[Int($0.mentee)].id, d.mentors[Int($0.mentor)].id) }.sorted { $0.0 < $1.0 }
        while entries.count < 20 {
            let (me, mo) = paired[rng.int(in: 0...(paired.count - 1))]
            if touched.insert(me).inserted { entries.append(.init(menteeID: me, mentorID: mo, decision: .reject, line: 0)) }
        }
        var load = [String: Int]()
        for (_, mo) in paired { load[mo, default: 0] += 1 }
        while entries.count < 30 {
            let i = rng.int(in: 0...(d.mentees.count - 1))
            let g = first.graph
            let options = g.pairs(ofMentee: i).map { d.mentors[Int(g.mentor[$0])].id }.filter { $0 != previous[d.mentees[i].id] }
            guard let mo = options.first, touched.insert(d.mentees[i].id).inserted else { continue }
            entries.append(.init(menteeID: d.mentees[i].id, mentorID: mo, decision: .lock, line: 0))
        }
        let decisions = Decisions(entries: entries)

        let round = try CurationRound.run(dataset: d, previous: previous, decisions: decisions, matcher: Matcher())
        var scratchMatcher = Matcher()
        scratchMatcher.decisions = decisions
        let scratch = try scratchMatcher.run(d)
        func changed(_ r: MatchResult) -> Int {
            let now = Dictionary(uniqueKeysWithValues: r.pairs.map { (d.mentees[Int($0.mentee)].id, d.mentors[Int($0.mentor)].id) })
            return Set(previous.keys).union(now.keys).filter { previous[$0] != now[$0] }.count
        }
        #expect(round.changedPairs == changed(round.result))
        #expect(changed(round.result) < changed(scratch), "round \(changed(round.result)) vs scratch \(changed(scratch))")
        // Every decision holds.
        let now = Dictionary(uniqueKeysWithValues: round.result.pairs.map { (d.mentees[Int($0.mentee)].id, d.mentors[Int($0.mentor)].id) })
        for e in entries {
            switch e.decision {
            case .reject: #expect(now[e.menteeID] != e.mentorID)
            case .lock, .accept: #expect(now[e.menteeID] == e.mentorID)
            case .withdraw: break
            }
        }
        // Every change the round explains by a gain names both scores, and there are such changes.
        let explained = round.changes.filter { $0.kind == .moved && $0.reason.hasPrefix("moving gains") }
        #expect(!explained.isEmpty, "no move explained by its gain: \(round.changes.map(\.reason).prefix(5))")
        for c in explained { #expect(c.scoreAfter != nil && c.scoreBefore != nil) }
    }

    /// Without decisions the previous pairs are a feasible answer, so the round may leave one
    /// only where the total score gains at least the penalty per pair left:
    /// Σ score(round) − Σ score(previous) ≥ penalty × (previous pairs not kept), with equality
    /// only when keeping them would have tied.
    @Test func changesGainAtLeastThePenaltyPerPairLeft() throws {
        let d = try province(seed: 8)
        // The previous round used other weights, so today's optimum differs from it.
        var old = Profile.default
        old.weights.location = 0.05; old.weights.culture = 0.6
        let first = try Matcher(profile: old).run(d)
        let previous = Dictionary(uniqueKeysWithValues: first.pairs.map { ($0.menteeID, $0.mentorID) })
        let round = try CurationRound.run(dataset: d, previous: previous, decisions: Decisions(), matcher: Matcher())
        let now = Dictionary(uniqueKeysWithValues: round.result.pairs.map { ($0.menteeID, $0.mentorID) })
        let left = previous.filter { now[$0.key] != $0.value }.count
        let penalty = Int64((Profile.default.stability.penalty * ScoringModel.integerScale).rounded())
        #expect(left > 0, "the test needs a round that changes something")
        #expect(round.objectiveAfter - round.objectiveBefore >= penalty * Int64(left),
                "gain \(round.objectiveAfter - round.objectiveBefore) for \(left) pairs left")
        // And with a prohibitive penalty nothing moves.
        var sticky = Profile.default
        sticky.stability.penalty = 1
        let kept = try CurationRound.run(dataset: d, previous: previous, decisions: Decisions(), matcher: Matcher(profile: sticky))
        #expect(kept.result.pairs.allSatisfy { previous[$0.menteeID] == $0.mentorID || previous[$0.menteeID] == nil })
    }

    @Test func withdrawalsLeaveAndConflictingDecisionsAreRejected() throws {
        let d = try province(seed: 6)
        let first = try Matcher().run(d)
        let previous = Dictionary(uniqueKeysWithValues: first.pairs.map { (d.mentees[Int($0.mentee)].id, d.mentors[Int($0.mentor)].id) })
        let gone = d.mentors[Int(first.pairs[0].mentor)].id
        let round = try CurationRound.run(dataset: d, previous: previous,
                                          decisions: Decisions(entries: [.init(menteeID: "", mentorID: gone, decision: .withdraw, line: 0)]),
                                          matcher: Matcher())
        #expect(!round.result.dataset.mentors.contains { $0.id == gone })
        #expect(round.changes.contains { $0.before == gone && $0.reason.contains("withdrawn") })
        #expect(throws: InfeasibleDecisions.self) {
            try CurationRound.run(dataset: d, previous: previous,
                                  decisions: Decisions(entries: [.init(menteeID: "", mentorID: gone, decision: .withdraw, line: 0),
                                                                 .init(menteeID: d.mentees[0].id, mentorID: gone, decision: .lock, line: 0)]),
                                  matcher: Matcher())
        }
    }
}
