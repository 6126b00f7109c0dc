/// How a match is solved: one exact method, chosen in two steps. ``Matcher/plan()`` decides
/// what the profile and the options alone decide, before any scoring, and refuses the
/// combinations no method handles; ``resolve(hasOnlinePairs:hasRules:)`` settles the rest
/// once the candidates and the programme rules are known (whether any candidate pair is
/// online under a cap, whether the rules bind anything).
enum SolvePlan: Equatable, Sendable {
    /// Several mentors per beginner, by its own network (``CoMentoring``).
    case coMentoring
    /// A stable or max-min objective by its own exact method, beside the score optimum.
    case objective(MatchObjective)
    /// The largest total score by `solver`: the core model, an online cap, or programme rules.
    case score(SolverChoice)

    /// The method once the candidates are known.
    enum Method: Equatable, Sendable {
        case coMentoring
        case objective(MatchObjective)
        /// The core model under a cap on online pairs per mentor (``OnlineShareMatching``).
        case onlineShare
        /// The core model by the network simplex (from the caller's start when it has one).
        case network
        /// The core model by one of GLPK's methods (its simplex on the LP, or branch and cut).
        case glpk(GLPKMatchingSolver.Method)
        /// Programme rules (``RulesSolver``).
        case rules
    }

    /// The plan for `profile` with `objective` and `solver`.
    /// - Throws: ``UnsupportedOptions`` naming the combination no method handles.
    static func make(profile: Profile, objective: MatchObjective, solver: SolverChoice) throws -> SolvePlan {
        let rules = profile.constraints.isActive
        if rules && solver == .network {
            throw UnsupportedOptions("the network solver handles the core model only; the profile sets programme rules, "
                                     + "which need --solver auto or glpk")
        }
        if profile.mentorsPerMentee > 1 {
            if rules {
                throw UnsupportedOptions("mentors_per_mentee above 1 (co-mentoring) works on the core model; the profile also sets programme rules")
            }
            if objective != .score || (solver != .auto && solver != .network) {
                throw UnsupportedOptions("mentors_per_mentee above 1 (co-mentoring) is solved by its own network; use the score objective and --solver auto")
            }
            return .coMentoring
        }
        if objective != .score {
            if rules {
                throw UnsupportedOptions("--objective \(objective.rawValue) works on the core model; the profile sets programme rules "
                                         + "(cohorts, hours, quotas), which only the score objective handles")
            }
            if solver != .auto && solver != .network {
                throw UnsupportedOptions("--objective \(objective.rawValue) has its own exact method; leave --solver at auto")
            }
            return .objective(objective)
        }
        return .score(solver)
    }

    /// The method, given whether some candidate pair counts as online under a capacity share
    /// below 1 (`hasOnlinePairs`) and whether the programme rules bind anything (`hasRules`).
    /// - Throws: ``UnsupportedOptions`` when an online cap meets a method that cannot keep it.
    func resolve(hasOnlinePairs: Bool, hasRules: Bool) throws -> Method {
        switch self {
        case .coMentoring, .objective:
            if hasOnlinePairs {
                throw UnsupportedOptions("online.capacity_share below 1 works with the score objective and one mentor per mentee")
            }
            if case .objective(let o) = self { return .objective(o) }
            return .coMentoring
        case .score(let solver):
            if hasOnlinePairs {
                guard !hasRules, solver == .auto || solver == .network else {
                    throw UnsupportedOptions("online.capacity_share below 1 is solved by its own network; it does not combine with programme rules or --solver \(solver.rawValue)")
                }
                return .onlineShare
            }
            if hasRules { return .rules }
            switch solver {
            case .auto, .network: return .network
            case .glpk: return .glpk(.simplex)
            case .glpkMIP: return .glpk(.intopt)
            }
        }
    }
}
