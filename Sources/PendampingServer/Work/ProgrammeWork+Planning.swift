import Foundation
import Pendamping
import Tabular
import PendampingPlanning

/// What-if planning on a programme's lists: the same engine as `pendamping whatif`.
extension ProgrammeWork {
    /// A what-if question: a scenario as the CLI's scenario files hold it (JSON), and optional
    /// goals (coverage share, budget in rupiah) answered with the scenario's first new-mentor
    /// entry as the template.
    public struct PlanningRequest: Codable, Sendable {
        /// The scenario JSON, as `pendamping whatif --scenario` reads it.
        public var scenario: String
        /// A coverage target (0–1) to recruit for, if asked.
        public var targetCoverage: Double?
        /// A budget (rupiah) to recruit within, if asked.
        public var budget: Double?
        /// A request from its parts.
        public init(scenario: String, targetCoverage: Double? = nil, budget: Double? = nil) {
            self.scenario = scenario; self.targetCoverage = targetCoverage; self.budget = budget
        }
    }

    /// The capacity factors of the coverage curve, as `whatif`'s default.
    static let curveFactors = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3]

    /// Answers `request` on the programme's current lists and profile and stores the answer
    /// (the `whatif` files, its `report.html` and the text summary as `summary.txt`).
    /// - Throws: ``RoundRefusal`` for a scenario or goal that does not read, or while a solve runs.
    public func whatIf(programme: Programme, request: PlanningRequest, by: Account, language: Language = .id) async throws -> ScenarioRecord {
        if let c = request.targetCoverage, !(c > 0 && c <= 1) { throw RoundRefusal.form("target coverage must be a share in (0, 1], e.g. 0.10", "target cakupan harus bagian dalam (0, 1], mis. 0,10") }
        if let b = request.budget, !(b > 0 && b < 1e15) { throw RoundRefusal.form("budget must be a positive amount of rupiah", "anggaran harus jumlah rupiah yang positif") }
        let scenario: Scenario
        do { scenario = try Scenario.decode(Data(request.scenario.utf8), name: "scenario", fallbackName: "scenario") }
        catch let e as InputError { throw RoundRefusal.form(e) }
        var goals: [RecruitmentTarget.Goal] = []
        if let c = request.targetCoverage { goals.append(.coverage(c)) }
        if let b = request.budget { goals.append(.budget(b)) }
        if !goals.isEmpty && scenario.addMentors.isEmpty {
            throw RoundRefusal.form("a coverage or budget goal needs one new-mentor entry (add_mentors) as the template",
                                    "target cakupan atau anggaran memerlukan satu isian pendamping baru (add_mentors) sebagai contoh")
        }
        let (mentors, mentees, profile, job) = try await prepareSolve(programme)
        defer { jobs.end(programme: programme.id) }
        let workspace = self.workspace, goalList = goals
        let files: [(name: String, data: Data)] = try await SolveJobs.run(job) {
            try workspace.withFolder { dir in
                let report: WhatIfReport
                do {
                    let dataset = try Self.readLists(mentors, mentees, in: dir, job: job)
                    var runner = WhatIfRunner(base: dataset, profile: profile, regions: try RegionTable.bundled())
                    runner.stop = job.stop
                    report = try WhatIfReport.run(runner, scenarios: [scenario], curveFactors: Self.curveFactors,
                                                  goals: goalList, template: goalList.isEmpty ? nil : scenario.addMentors.first)
                } catch let e as InputError {
                    throw RoundRefusal.input(e, staged: dir)
                }
                job.finished(stage: "whatif")
                // The CLI's summary without the line naming its folder, and the same in Indonesian.
                return report.files() + (try report.reportFiles(language: language))
                    + [("summary.txt", Data(report.text(outDir: "").utf8)), ("summary.id.txt", Data(report.text(outDir: "", language: .id).utf8))]
            }.map { ($0.name, $0.data) }
        }
        let requestJSON = String(decoding: try JSONEncoder.sorted.encode(request), as: UTF8.self)
        return try await store.saveScenario(programmeID: programme.id, name: scenario.name, request: requestJSON, files: files, by: by)
    }
}

extension ProgrammeWork {
    /// A year-by-year projection, as `pendamping plan` takes it: plan settings JSON (recruit,
    /// attrition, alumni, arrivals), years, and an optional coverage target with the year to
    /// reach it by.
    public struct ProjectionRequest: Codable, Sendable {
        /// The plan JSON, as `pendamping plan --plan` reads it.
        public var plan: String
        /// Years to project.
        public var years: Int
        /// A coverage target (0–1) to report the year of, if asked.
        public var target: Double?
        /// The year by which the target should be reached, if asked.
        public var byYear: Int?
        /// A request from its parts.
        public init(plan: String, years: Int = 10, target: Double? = nil, byYear: Int? = nil) {
            self.plan = plan; self.years = years; self.target = target; self.byYear = byYear
        }
    }

    /// Projects the programme's current lists year by year (the engine of `pendamping plan`)
    /// and stores the answer as a scenario (`plan.csv`, `plan.svg`, `summary.txt`).
    /// - Throws: ``RoundRefusal`` for settings that do not read or values out of range.
    public func project(programme: Programme, request: ProjectionRequest, by: Account) async throws -> ScenarioRecord {
        guard (1...50).contains(request.years) else { throw RoundRefusal.form("years must be in 1…50", "jumlah tahun harus dalam 1…50") }
        if let t = request.target, !(t > 0 && t <= 1) { throw RoundRefusal.form("the target must be a share in (0, 1], e.g. 0.10", "target harus bagian dalam (0, 1], mis. 0,10") }
        if let y = request.byYear {
            guard request.target != nil else { throw RoundRefusal.form("a year to reach the target by needs a target", "tahun pencapaian memerlukan target") }
            guard (1...50).contains(y) else { throw RoundRefusal.form("the year to reach the target by must be in 1…50", "tahun pencapaian target harus dalam 1…50") }
        }
        let settings: PlanSettings
        do { settings = try PlanSettings.decode(Data(request.plan.utf8), name: "plan") } catch let e as InputError { throw RoundRefusal.form(e) }
        let (mentors, mentees, profile, job) = try await prepareSolve(programme)
        defer { jobs.end(programme: programme.id) }
        let workspace = self.workspace
        let files: [(name: String, data: Data)] = try await SolveJobs.run(job) {
            try workspace.withFolder { dir in
                do {
                    let dataset = try Self.readLists(mentors, mentees, in: dir, job: job)
                    var simulation = PlanSimulation(base: dataset, profile: profile, settings: settings, regions: try RegionTable.bundled())
                    simulation.stop = job.stop
                    let answer = try PlanReport.answer(simulation, years: request.years, target: request.target, byYear: request.byYear)
                    job.finished(stage: "plan")
                    // The chart and the summary in Indonesian too, for the page (the CLI's files stay as they are).
                    return answer.files + [("summary.txt", Data(answer.text(.en).utf8)), ("summary.id.txt", Data(answer.text(.id).utf8)),
                                           ("plan.id.svg", Data(PlanReport.svg(answer.years, target: request.target, language: .id).utf8))]
                } catch let e as InputError {
                    throw RoundRefusal.input(e, staged: dir)
                }
            }.map { ($0.name, $0.data) }
        }
        let requestJSON = String(decoding: try JSONEncoder.sorted.encode(request), as: UTF8.self)
        return try await store.saveScenario(programmeID: programme.id, name: "plan \(request.years)", request: requestJSON, files: files, by: by)
    }
}
