import Foundation
import Pendamping
import Tabular

/// The work of a programme that the pages and the API share: checking and storing lists,
/// proposing and re-solving rounds with the same library calls as `pendamping round`,
/// recording decisions, and telling open pages about them.
public final class ProgrammeWork: Sendable {
    /// Where programmes, lists, rounds and decisions are kept.
    public let store: any Store
    let workspace: Workspace
    let jobs = SolveJobs()
    let events = LiveEvents()
    /// The upload limits.
    public let limits: UploadLimits

    /// Work on `store`, with staging space under `dataDirectory`. - Throws: when the directory cannot be made.
    public init(store: any Store, dataDirectory: String, limits: UploadLimits = UploadLimits()) throws {
        self.store = store
        self.workspace = try Workspace(dataDirectory: dataDirectory)
        self.limits = limits
        workspace.sweep()
    }

    /// The decisions a curator may take.
    public static let decisionWords: Set<String> = ["accept", "reject", "lock", "withdraw", "clear"]

    // MARK: Lists

    /// Checks the uploaded lists together with the current ones they do not replace, and stores
    /// the uploaded ones only if both read without issues. Nothing is stored on refusal. The
    /// issues and the data-quality report are told in `language`.
    public func upload(programme: Programme, mentors: UploadedFile?, mentees: UploadedFile?, by: Account,
                       language: Language = .en) async throws -> ListCheckResult {
        let current = try await store.currentLists(programmeID: programme.id)
        for (kind, file) in [(ListKind.mentors, mentors), (.mentees, mentees)] {
            if let file, let refusal = ListCheck.precheck(file, kind: kind, limits: limits) {
                return ListCheckResult(mentors: 0, mentees: 0, quality: "", issues: [refusal.text(language)])
            }
        }
        guard let m = mentors ?? current[.mentors].map({ UploadedFile(fileName: $0.fileName, bytes: $0.bytes) }),
              let e = mentees ?? current[.mentees].map({ UploadedFile(fileName: $0.fileName, bytes: $0.bytes) }) else {
            return ListCheckResult(mentors: 0, mentees: 0, quality: "", issues: [UploadRefusal.bothListsNeeded.text(language)])
        }
        let workspace = self.workspace, limits = self.limits
        let (result, _) = try await SolveJobs.offload {
            try workspace.withFolder { try ListCheck.inspect(mentors: m, mentees: e, in: $0, limits: limits, language: language) }
        }
        guard result.accepted else { return result }
        if let mentors {
            try await store.saveList(programmeID: programme.id, kind: .mentors, fileName: ListCheck.displayName(mentors.fileName),
                                     bytes: mentors.bytes, sha256: CurationRound.sha256(mentors.bytes), rows: result.mentors, by: by)
        }
        if let mentees {
            try await store.saveList(programmeID: programme.id, kind: .mentees, fileName: ListCheck.displayName(mentees.fileName),
                                     bytes: mentees.bytes, sha256: CurationRound.sha256(mentees.bytes), rows: result.mentees, by: by)
        }
        events.publish(programme: programme.id, .init(name: "lists", json: "{}"))
        return result
    }

    // MARK: Rounds

    /// A round cannot run: a list is missing, the profile or decisions do not read, or one runs.
    /// `message` is English (the API's `error`); `word`, when set, says it in the page's
    /// language, followed by `message` where that holds the engine's own detail.
    public struct RoundRefusal: Error, Sendable {
        /// The refusal in English (the API's `error`).
        public var message: String
        /// A word of the page's vocabulary naming the refusal, when it has one.
        public var word: Word?
        /// Whether the page shows ``message``'s detail after the word.
        public var withDetail = false
        /// The detail in Indonesian, when the engine can say it (input issues, conflicting decisions).
        public var indonesianDetail: String?
        /// A refusal from its parts.
        public init(message: String, word: Word? = nil, withDetail: Bool = false, indonesianDetail: String? = nil) {
            self.message = message; self.word = word; self.withDetail = withDetail; self.indonesianDetail = indonesianDetail
        }

        /// Lists that do not read, with the staged folder `dir` left out of the file names.
        static func input(_ e: InputError, staged dir: String) -> RoundRefusal {
            func shown(_ s: String) -> String { s.replacingOccurrences(of: dir + "/", with: "") }
            return RoundRefusal(message: shown(e.text(.en)), word: .refuseInput, withDetail: true,
                                indonesianDetail: shown(e.text(.id)))
        }

        /// A form value out of range, said in both languages.
        static func form(_ english: String, _ indonesian: String) -> RoundRefusal {
            RoundRefusal(message: english, word: .refuseForm, withDetail: true, indonesianDetail: indonesian)
        }

        /// Settings of a form (a scenario, plan settings) that do not read.
        static func form(_ e: InputError) -> RoundRefusal { form(e.text(.en), e.text(.id)) }

        /// The refusal in `language`.
        public func text(_ language: Language) -> String {
            guard let word else { return message }
            guard withDetail else { return word.text(language) }
            return word.text(language) + " " + (language == .id ? indonesianDetail ?? message : message)
        }
    }

    /// The decisions file the next round takes: the newest decision of every pair, cleared
    /// ones left out, sorted by mentee then mentor id. - Complexity: `O(d log d)`.
    public func decisionsFile(programmeID: Int64) async throws -> Data {
        var newest: [PairKey: DecisionRecord] = [:]
        for d in try await store.decisions(programmeID: programmeID) { newest[PairKey(d.menteeID, d.mentorID)] = d }
        var w = CSVTableWriter(header: ["mentee_id", "mentor_id", "decision"])
        for d in newest.values.filter({ $0.decision != "clear" }).sorted(by: { ($0.menteeID, $0.mentorID) < ($1.menteeID, $1.mentorID) }) {
            w.appendRow([.text(d.menteeID), .text(d.mentorID), .text(d.decision)])
        }
        return Data(w.text.utf8)
    }

    struct PairKey: Hashable {
        var mentee: String, mentor: String
        init(_ mentee: String, _ mentor: String) { self.mentee = mentee; self.mentor = mentor }
    }

    /// The previous pairs of the first round: none.
    static let noPairs = Data("mentee_id,mentor_id\n".utf8)

    /// Solves the programme's next round around every decision so far (the first round starts
    /// from no pairs) and stores it. The same call as `pendamping round --previous
    /// <last pairs.csv> --decisions <decisions.csv>` on the stored lists, so the files are the
    /// same bytes. - Throws: ``RoundRefusal``, `SolveJobs.Cancelled` when cancelled.
    public func propose(programme: Programme, by: Account, language: Language = .id) async throws -> RoundRecord {
        let rounds = try await store.rounds(programmeID: programme.id)
        var previousBytes = Self.noPairs
        if let last = rounds.last, let pairs = try await store.roundFile(roundID: last.id, name: "pairs.csv") { previousBytes = pairs }
        let decisionsBytes = try await decisionsFile(programmeID: programme.id)
        let (mentors, mentees, profile, job) = try await prepareSolve(programme)
        defer { jobs.end(programme: programme.id) }
        events.publish(programme: programme.id, .init(name: "solve", json: "{\"state\":\"started\"}"))
        let workspace = self.workspace, previous = previousBytes
        let files: [(name: String, data: Data)]
        do {
            defer { events.publish(programme: programme.id, .init(name: "solve", json: "{\"state\":\"ended\"}")) }
            files = try await SolveJobs.run(job) {
                try workspace.withFolder { dir in
                    try Self.solve(in: dir, mentors: mentors, mentees: mentees, previousBytes: previous,
                                   decisionsBytes: decisionsBytes, profile: profile, language: language, job: job)
                }.map { ($0.name, $0.data) }
            }
        }
        let record = try await store.saveRound(programmeID: programme.id, number: (rounds.last?.number ?? 0) + 1, files: files, by: by)
        events.publish(programme: programme.id, .init(name: "round", json: "{\"number\":\(record.number)}"))
        return record
    }

    /// What every solve of a programme needs: both current lists, the profile as read, and the
    /// programme's job slot (the caller ends it). - Throws: ``RoundRefusal``.
    func prepareSolve(_ programme: Programme) async throws -> (StoredList, StoredList, Profile, SolveJobs.Job) {
        let lists = try await store.currentLists(programmeID: programme.id)
        guard let mentors = lists[.mentors], let mentees = lists[.mentees] else {
            throw RoundRefusal(message: "upload the mentors and the mentees lists first", word: .refuseListsFirst)
        }
        let profile: Profile
        do { profile = try Profile.decode(Data(programme.profileJSON.utf8), name: "profile") } catch {
            throw RoundRefusal(message: "the programme's profile does not read: \(error)", word: .refuseProfile, withDetail: true)
        }
        do { return (mentors, mentees, profile, try jobs.start(programme: programme.id)) } catch {
            throw RoundRefusal(message: "a solve is running for this programme", word: .refuseSolveRunning)
        }
    }

    /// Stages the inputs under fixed names in `dir` and runs the round as the CLI does.
    static func solve(in dir: String, mentors: StoredList, mentees: StoredList, previousBytes: Data, decisionsBytes: Data,
                      profile: Profile, language: Language, job: SolveJobs.Job) throws -> [(name: String, data: Data)] {
        let previousPath = try Workspace.write(previousBytes, named: "previous-pairs.csv", in: dir)
        let decisionsPath = try Workspace.write(decisionsBytes, named: "decisions.csv", in: dir)
        do {
            let dataset = try readLists(mentors, mentees, in: dir, job: job)
            let decisions = try Decisions.read(path: decisionsPath, dataset: dataset)
            let previous = try CurationRound.readPrevious(path: previousPath)
            var matcher = Matcher(profile: profile)
            matcher.stop = job.stop
            let inputs = RoundRun.Inputs(mentorsHash: mentors.sha256, menteesHash: mentees.sha256,
                                         previousBytes: previousBytes, decisionsBytes: decisionsBytes)
            let timings = StageTimings(onStage: { name, _ in job.finished(stage: name) })
            return try RoundRun.run(dataset: dataset, previous: previous, decisions: decisions, inputs: inputs,
                                    matcher: matcher, language: language, timings: timings).files
        } catch let e as InputError {
            throw RoundRefusal.input(e, staged: dir)
        } catch let e as InfeasibleDecisions {
            throw RoundRefusal(message: e.text(.en), word: .refuseDecisions, withDetail: true, indonesianDetail: e.text(.id))
        }
    }

    /// The stored lists staged in `dir` and read as the CLI reads them, the job's `parse` stage
    /// marked; a cancel that came meanwhile ends the work here.
    /// - Throws: ``InputError`` for lists that do not read, `SolveJobs.Cancelled`.
    static func readLists(_ mentors: StoredList, _ mentees: StoredList, in dir: String, job: SolveJobs.Job) throws -> Dataset {
        let (mentorsPath, menteesPath) = try Workspace.stage(mentors: mentors, mentees: mentees, in: dir)
        let dataset = try DatasetReader.read(mentorsPath: mentorsPath, menteesPath: menteesPath, options: .init())
        job.finished(stage: "parse")
        if job.isCancelled { throw SolveJobs.Cancelled() }
        return dataset
    }

    // MARK: Decisions

    /// Records a decision on the newest round (refused once it is published), then tells the
    /// programme's open pages. - Throws: ``DecisionConflict``, ``RoundRefusal``.
    public func decide(programme: Programme, menteeID: String, mentorID: String, decision: String, expected: Int64,
                       by: Account) async throws -> DecisionRecord {
        guard Self.decisionWords.contains(decision) else { throw RoundRefusal(message: "unknown decision '\(decision)'") }
        for id in [menteeID, mentorID] where id.count > 128 || id.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            throw RoundRefusal(message: "an id holds control characters or is longer than 128")
        }
        if decision == "withdraw" ? (menteeID.isEmpty == mentorID.isEmpty) : (menteeID.isEmpty || mentorID.isEmpty) {
            throw RoundRefusal(message: decision == "withdraw" ? "withdraw names a mentee or a mentor, not both" : "a decision names a mentee and a mentor")
        }
        guard let round = try await store.rounds(programmeID: programme.id).last else { throw RoundRefusal(message: "no round to decide on", word: .refuseNoRound) }
        if round.isFinal { throw RoundRefusal(message: "round \(round.number) is published; decisions are closed", word: .refusePublished) }
        let record = try await store.decide(programmeID: programme.id, roundNumber: round.number, menteeID: menteeID,
                                            mentorID: mentorID, decision: decision, expected: expected, by: by)
        if let json = try? String(decoding: JSONEncoder.sorted.encode(record), as: UTF8.self) {
            events.publish(programme: programme.id, .init(name: "decision", json: json))
        }
        return record
    }
}

extension JSONEncoder {
    /// Keys sorted, snake case: the API's JSON.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }
}
