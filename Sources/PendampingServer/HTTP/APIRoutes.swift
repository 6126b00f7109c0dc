import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import Pendamping
import ServiceLifecycle
import Tabular

/// The JSON API under `/api/` (described by `/api/openapi.json`); the pages use it for
/// every change.
struct APIRoutes {
    let work: ProgrammeWork
    let limiter: LoginLimiter
    var store: any Store { work.store }

    struct Login: Decodable { var name: String; var password: String }
    struct NewProgramme: Decodable { var name: String; var region: String; var profile: String? }
    struct NewAccount: Decodable { var name: String; var role: Role; var password: String }
    struct NewMember: Decodable { var name: String }
    struct NewPassword: Decodable { var current: String; var new: String }
    struct FilePart: Decodable { var fileName: String; var base64: String }
    struct Upload: Decodable { var mentors: FilePart?; var mentees: FilePart? }
    struct NewDecision: Decodable { var menteeId: String; var mentorId: String; var decision: String; var expected: Int64? }
    struct ProfileBody: Decodable { var profile: String }
    struct Signed: Encodable { var account: Account; var csrf: String }

    /// Checks a name and password against the store and the limits; the account on success.
    static func signIn(name: String, password: String, address: String, store: any Store, limiter: LoginLimiter) async throws -> Account? {
        if limiter.isBlocked(name: name, address: address) { throw HTTPError(.tooManyRequests, message: "too many attempts; try again later") }
        if let (account, hash) = try await store.credentials(name: name),
           try await SolveJobs.offload({ Bcrypt.verify(password, hash: hash) }) {
            limiter.recordSuccess(name: name)
            return account
        }
        limiter.recordFailure(name: name, address: address)
        return nil
    }

    /// A new session for `account`, with a fresh CSRF token.
    static func startSession(_ account: Account, context: AppContext) -> String {
        let csrf = randomToken()
        context.sessions.createSession(WebSession(accountID: account.id, csrf: csrf), expiresIn: .seconds(12 * 3600))
        return csrf
    }

    static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    func add(to router: some RouterMethods<AppContext>) {
        let api = router.group("api")
        api.post("login") { request, context -> Response in
            let body = try await request.decode(as: Login.self, context: context)
            guard let account = try await Self.signIn(name: body.name, password: body.password, address: context.clientAddress,
                                                      store: store, limiter: limiter) else {
                return try Reply.error(.unauthorized, "wrong name or password")
            }
            return try Reply.json(Signed(account: account, csrf: Self.startSession(account, context: context)))
        }
        api.post("logout") { _, context -> Response in
            context.sessions.clearSession()
            return Response(status: .noContent)
        }
        api.post("password") { request, context -> Response in
            let account = try Guard.account(context)
            let body = try await request.decode(as: NewPassword.self, context: context)
            guard body.new.count >= 8, body.new != body.current else {
                return try Reply.error(.badRequest, "a new password has at least 8 characters and differs from the current one",
                                       extra: ["message": Word.passwordRule.text(Reply.pageLanguage(request))])
            }
            guard try await Self.signIn(name: account.name, password: body.current, address: context.clientAddress,
                                        store: store, limiter: limiter) != nil else {
                return try Reply.error(.forbidden, "the current password is wrong",
                                       extra: ["message": Word.wrongLogin.text(Reply.pageLanguage(request))])
            }
            let hash = try await SolveJobs.offload { Bcrypt.hash(body.new) }
            try await store.setPassword(accountID: account.id, passwordHash: hash)
            return Response(status: .noContent)
        }
        api.get("me") { _, context -> Response in
            let a = try Guard.account(context)
            return try Reply.json(Signed(account: a, csrf: context.sessions.session?.csrf ?? ""))
        }
        api.post("accounts") { request, context -> Response in
            let admin = try Guard.account(context)
            try Guard.requireAdmin(admin)
            let body = try await request.decode(as: NewAccount.self, context: context)
            guard body.password.count >= 8 else { return try Reply.error(.badRequest, "a password has at least 8 characters") }
            let hash = try await SolveJobs.offload { Bcrypt.hash(body.password) }
            // A password an admin chose for someone else is one to change at the first sign-in.
            do { return try Reply.json(try await store.addAccount(name: body.name, role: body.role, passwordHash: hash, oneTime: true), status: .created) }
            catch let r as StoreRefusal { return try Reply.error(.conflict, r.description) }
        }
        api.get("programmes") { _, context -> Response in
            try Reply.json(try await store.programmes(of: try Guard.account(context)))
        }
        api.post("programmes") { request, context -> Response in
            let admin = try Guard.account(context)
            try Guard.requireAdmin(admin)
            let body = try await request.decode(as: NewProgramme.self, context: context)
            let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 200 else { return try Reply.error(.badRequest, "a programme needs a name of at most 200 characters") }
            let profile: String
            do { profile = try body.profile.map { try Self.checkedProfile($0) } ?? String(decoding: try RoundDirectory.profileFile(.default), as: UTF8.self) }
            catch let r as ProgrammeWork.RoundRefusal { return try Reply.refusal(r, request, status: .badRequest) }
            return try Reply.json(try await store.createProgramme(name: name, region: body.region, profileJSON: profile, by: admin), status: .created)
        }
        let p = api.group("programmes/{programme}")
        p.get { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            return try Reply.json(programme)
        }
        p.put("profile") { request, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireAdmin(account)
            let body = try await request.decode(as: ProfileBody.self, context: context)
            do { try await store.setProfile(programmeID: programme.id, profileJSON: try Self.checkedProfile(body.profile), by: account) }
            catch let r as ProgrammeWork.RoundRefusal { return try Reply.refusal(r, request, status: .badRequest) }
            return Response(status: .noContent)
        }
        p.get("members") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            return try Reply.json(try await store.members(programmeID: programme.id))
        }
        p.post("members") { request, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireAdmin(account)
            let body = try await request.decode(as: NewMember.self, context: context)
            guard let (member, _) = try await store.credentials(name: body.name) else { return try Reply.error(.notFound, "no such account") }
            try await store.addMember(programmeID: programme.id, accountID: member.id, by: account)
            return Response(status: .noContent)
        }
        p.post("lists") { request, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireDecider(account)
            let body = try await request.decode(as: Upload.self, context: context)
            func file(_ part: FilePart?) throws -> UploadedFile? {
                guard let part else { return nil }
                guard let data = Data(base64Encoded: part.base64) else { throw HTTPError(.badRequest, message: "\(ListCheck.displayName(part.fileName)) is not base64") }
                return UploadedFile(fileName: part.fileName, bytes: data)
            }
            let result = try await work.upload(programme: programme, mentors: try file(body.mentors), mentees: try file(body.mentees), by: account,
                                              language: Reply.pageLanguage(request))
            return try Reply.json(UploadReply(result), status: result.accepted ? .ok : .unprocessableContent)
        }
        p.get("lists") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            let lists = try await store.currentLists(programmeID: programme.id)
            return try Reply.json(ListKind.allCases.compactMap { lists[$0].map(ListInfo.init) })
        }
        p.get("rounds") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            return try Reply.json(try await store.rounds(programmeID: programme.id))
        }
        p.post("rounds") { request, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireDecider(account)
            let lang = Reply.queryLanguage(request, else: .id)
            do {
                return try Reply.json(try await work.propose(programme: programme, by: account, language: lang), status: .created)
            } catch let r as ProgrammeWork.RoundRefusal {
                return try Reply.refusal(r, request)
            } catch is SolveJobs.Cancelled {
                return try Reply.error(.conflict, "cancelled")
            }
        }
        p.get("solve") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            let job = work.jobs.job(programme: programme.id)
            return try Reply.json(SolveState(running: job != nil, stages: job?.stages.withLock { $0 } ?? []))
        }
        p.post("solve/cancel") { _, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireDecider(account)
            guard let job = work.jobs.job(programme: programme.id) else { return try Reply.error(.notFound, "no solve is running") }
            job.cancel()
            return Response(status: .accepted)
        }
        p.get("rounds/{round}") { request, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            let record = try await Guard.round(context, store, programme)
            let lang = Reply.queryLanguage(request, else: .en)
            return try Reply.json(try await RoundView.load(record, store: store, language: lang))
        }
        p.get("rounds/{round}/files/{name}") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            let record = try await Guard.round(context, store, programme)
            let name = context.parameters.get("name") ?? ""
            guard let data = try await store.roundFile(roundID: record.id, name: name) else { throw HTTPError(.notFound, message: "no such file") }
            return Reply.file(data, name: name)
        }
        p.post("rounds/{round}/publish") { _, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireAdmin(account)
            let record = try await Guard.round(context, store, programme)
            do { try await store.publish(programmeID: programme.id, number: record.number, by: account) }
            catch let r as StoreRefusal { return try Reply.error(.conflict, r.description) }
            work.events.publish(programme: programme.id, .init(name: "round", json: "{\"number\":\(record.number),\"published\":true}"))
            return Response(status: .noContent)
        }
        p.get("scenarios") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            return try Reply.json(try await store.scenarios(programmeID: programme.id))
        }
        p.post("scenarios") { request, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireDecider(account)
            let body = try await request.decode(as: ProgrammeWork.PlanningRequest.self, context: context)
            let lang = Reply.queryLanguage(request, else: .id)
            do {
                return try Reply.json(try await work.whatIf(programme: programme, request: body, by: account, language: lang), status: .created)
            } catch let r as ProgrammeWork.RoundRefusal {
                return try Reply.refusal(r, request)
            } catch is SolveJobs.Cancelled {
                return try Reply.error(.conflict, "cancelled")
            }
        }
        p.post("projections") { request, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireDecider(account)
            let body = try await request.decode(as: ProgrammeWork.ProjectionRequest.self, context: context)
            do {
                return try Reply.json(try await work.project(programme: programme, request: body, by: account), status: .created)
            } catch let r as ProgrammeWork.RoundRefusal {
                return try Reply.refusal(r, request)
            } catch is SolveJobs.Cancelled {
                return try Reply.error(.conflict, "cancelled")
            }
        }
        p.get("scenarios/{scenario}/files/{name}") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            let name = context.parameters.get("name") ?? ""
            guard let n = context.parameters.get("scenario", as: Int.self),
                  let data = try await store.scenarioFile(programmeID: programme.id, number: n, name: name) else {
                throw HTTPError(.notFound, message: "no such file")
            }
            return Reply.file(data, name: name)
        }
        p.get("decisions") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            return try Reply.json(try await store.decisions(programmeID: programme.id))
        }
        p.post("decisions") { request, context -> Response in
            let (account, programme) = try await Guard.programme(context, store)
            try Guard.requireDecider(account)
            let body = try await request.decode(as: NewDecision.self, context: context)
            do {
                let record = try await work.decide(programme: programme, menteeID: body.menteeId, mentorID: body.mentorId,
                                                   decision: body.decision, expected: body.expected ?? 0, by: account)
                return try Reply.json(record, status: .created)
            } catch let c as DecisionConflict {
                return try Reply.json(ConflictReply(error: "another curator decided this pair first", current: c.current), status: .conflict)
            } catch let r as ProgrammeWork.RoundRefusal {
                return try Reply.refusal(r, request)
            } catch let r as StoreRefusal {
                return try Reply.error(.unprocessableContent, r.description)
            }
        }
        p.get("audit") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            return try Reply.json(try await store.audit(programmeID: programme.id))
        }
        p.get("events") { _, context -> Response in
            let (_, programme) = try await Guard.programme(context, store)
            let (stream, end) = work.events.subscribe(programme: programme.id)
            let body = ResponseBody { writer in
                // The stream ends when the server shuts down, so that shutdown need not wait for pages.
                try await withGracefulShutdownHandler {
                    try await writer.write(ByteBuffer(string: ": connected\n\n"))
                    for await e in stream {
                        try await writer.write(ByteBuffer(string: "event: \(e.name)\ndata: \(e.json)\n\n"))
                    }
                } onGracefulShutdown: {
                    end()
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
        }
        api.get("openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.data())))
        }
    }

    /// Decodes a profile as the CLI would and returns it re-encoded with every setting.
    /// - Throws: a refusal naming each setting that does not read, in both languages.
    static func checkedProfile(_ text: String) throws -> String {
        do {
            let profile = try Profile.decode(Data(text.utf8), name: "profile")
            return String(decoding: try RoundDirectory.profileFile(profile), as: UTF8.self)
        } catch let e as InputError {
            throw ProgrammeWork.RoundRefusal(message: "profile: " + e.text(.en), word: .refuseForm, withDetail: true,
                                             indonesianDetail: e.text(.id))
        }
    }
}

struct UploadReply: Encodable {
    var accepted: Bool, mentors: Int, mentees: Int, quality: String, issues: [String]
    init(_ r: ListCheckResult) { accepted = r.accepted; mentors = r.mentors; mentees = r.mentees; quality = r.quality; issues = r.issues }
}

struct ListInfo: Encodable {
    var kind: String, fileName: String, sha256: String, rows: Int, uploadedBy: String, uploadedAt: String
    init(_ l: StoredList) { kind = l.kind.rawValue; fileName = l.fileName; sha256 = l.sha256; rows = l.rows; uploadedBy = l.uploadedBy; uploadedAt = l.uploadedAt }
}

struct SolveState: Encodable { var running: Bool; var stages: [String] }
struct ConflictReply: Encodable { var error: String; var current: DecisionRecord }
