extension Matcher {
    /// Solves `model` for an objective other than ``MatchObjective/score``, and the score
    /// optimum beside it for the comparison. - Complexity: deferred acceptance `O(pairs·log k)`
    /// or the threshold search's network solves, plus one network solve.
    func solve(_ model: MatchingModel, objective: MatchObjective, ranks: RankTable) throws -> (SolveOutcome, ObjectiveComparison) {
        let optimum = try NetworkMatchingSolver().solve(model).assignment
        let outcome: SolveOutcome
        switch objective {
        case .score:
            preconditionFailure("the score objective is solved by the configured solver")
        case .stableMentee, .stableMentor:
            let order = PreferenceOrder(graph: model.graph, ranks: ranks)
            let a = DeferredAcceptance.solve(model, order: order, proposing: objective == .stableMentee ? .mentee : .mentor)
            try a.verify(model)
            outcome = SolveOutcome(status: .optimal, assignment: a, bound: nil, engine: .deferredAcceptance, iterations: 0)
        case .maxmin:
            let r = try MaxMinMatching().solve(model)
            outcome = SolveOutcome(status: .optimal, assignment: r.assignment, bound: nil, engine: .thresholdSearch, iterations: r.solves)
        }
        func figures(_ a: Assignment) -> (Int, Int64?) {
            let chosen = a.pairOf.filter { $0 >= 0 }
            return (chosen.count, chosen.map { model.graph.score[Int($0)] }.min())
        }
        let (om, ow) = figures(optimum), (m, w) = figures(outcome.assignment)
        return (outcome, ObjectiveComparison(objective: objective, optimumTotal: optimum.objective, optimumMatched: om, optimumWorst: ow,
                                             total: outcome.assignment.objective, matched: m, worst: w))
    }
}
