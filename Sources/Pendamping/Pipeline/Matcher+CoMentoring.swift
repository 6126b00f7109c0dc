extension Matcher {
    /// Co-mentoring (``CoMentoring``): the solution checked against its definition, and an
    /// outcome whose assignment names each beginner's best-scoring mentor (its objective is
    /// the total over every pair). - Complexity: one network simplex.
    func solveCoMentoring(_ model: MatchingModel, scoring: ScoringModel, dataset: Dataset) throws -> (SolveOutcome, CoMentoring.Solution) {
        let needs = scoring.mentees.map(\.needs), expertise = scoring.mentors.map(\.expertise)
        let n = profile.mentorsPerMentee
        let s: CoMentoring.Solution
        do { s = try CoMentoring.solve(model, needs: needs, expertise: expertise, perMentee: n) } catch MatchingError.infeasibleLocks(let conflicts) {
            throw InfeasibleDecisions(conflicts.map { $0.explain(dataset) })
        }
        try CoMentoring.verify(s, model, needs: needs, expertise: expertise, perMentee: n)
        var pairOf = [Int32](repeating: -1, count: model.graph.menteeCount)
        for p in s.pairs {
            let i = Int(model.menteeOfPair[Int(p)])
            if pairOf[i] < 0 || model.graph.score[Int(p)] > model.graph.score[Int(pairOf[i])] { pairOf[i] = p }
        }
        let outcome = SolveOutcome(status: s.status, assignment: Assignment(pairOf: pairOf, objective: s.objective), bound: nil,
                                   engine: .roleFlow, iterations: s.pivots)
        return (outcome, s)
    }

    /// Mentees per mentor over every co-mentoring pair. `O(pairs)`.
    func coMentoringLoad(_ s: CoMentoring.Solution, _ model: MatchingModel) -> [Int32] {
        var load = [Int32](repeating: 0, count: model.graph.mentorCount)
        for p in s.pairs { load[Int(model.graph.mentor[Int(p)])] += 1 }
        return load
    }

    /// Every co-mentoring pair, by beginner then score, with its role and covered needs. `O(pairs)`.
    func coMentoringPairs(_ s: CoMentoring.Solution, graph: CandidateGraph, scoring: ScoringModel, dataset: Dataset,
                          decisionOf: [PairID: PairDecision]) -> [MatchedPair] {
        let menteeOf = graph.pairMentees()
        return zip(s.pairs, s.role).map { p, role in
            let i = Int(menteeOf[Int(p)]), j = Int(graph.mentor[Int(p)])
            var pair = MatchedPair(menteeID: dataset.mentees[i].id, mentorID: dataset.mentors[j].id, mentee: Int32(i), mentor: Int32(j),
                                   score: graph.score[Int(p)], breakdown: scoring.breakdown(mentee: i, mentor: j),
                                   decision: decisionOf[PairID(dataset.mentees[i].id, dataset.mentors[j].id)])
            pair.role = role
            pair.coveredNeeds = dataset.mentees[i].needs.intersection(dataset.mentors[j].expertise)
            return pair
        }
    }
}
