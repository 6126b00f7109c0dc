import Foundation
import Hummingbird
import HummingbirdAuth
import Mustache
import Pendamping
import Tabular

/// The server-rendered pages (Mustache templates, every value HTML-escaped); changes go
/// through the API from `static/app.js`.
struct PageRoutes {
    let work: ProgrammeWork
    let limiter: LoginLimiter
    let templates: MustacheLibrary
    var store: any Store { work.store }

    static func language(_ request: Request) -> Language {
        Reply.queryLanguage(request, else: request.cookies["lang"].flatMap { Language(rawValue: $0.value) } ?? .id)
    }

    /// Renders `template` inside the page frame, remembering a language picked by `?lang=`.
    func page(_ template: String, _ request: Request, _ context: AppContext, title: String, _ values: [String: Any]) -> Response {
        let lang = Self.language(request)
        var v = values
        v["t"] = Word.table(lang)
        v["lang"] = lang.rawValue
        v["otherLang"] = lang == .id ? "en" : "id"
        v["title"] = title
        if let a = context.identity { v["account"] = ["name": a.name, "role": a.role.rawValue] }
        v["csrf"] = context.sessions.session?.csrf ?? ""
        v["body"] = templates.render(v, withTemplate: template) ?? ""
        var r = Reply.html(templates.render(v, withTemplate: "frame") ?? "")
        if request.uri.queryParameters["lang"] != nil {
            r.setCookie(Cookie(name: "lang", value: lang.rawValue, path: "/", httpOnly: true, sameSite: .strict))
        }
        return r
    }

    func add(to router: some RouterMethods<AppContext>) {
        router.get("login") { request, context -> Response in
            page("login", request, context, title: Word.signIn.text(Self.language(request)), [:])
        }
        router.post("login") { request, context -> Response in
            let lang = Self.language(request)
            var request = request
            let body = try await request.collectBody(upTo: 64 << 10)
            let form = Self.form(String(buffer: body))
            do {
                guard let account = try await APIRoutes.signIn(name: form["name"] ?? "", password: form["password"] ?? "",
                                                               address: context.clientAddress, store: store, limiter: limiter) else {
                    var r = page("login", request, context, title: Word.signIn.text(lang), ["error": Word.wrongLogin.text(lang)])
                    r.status = .unauthorized
                    return r
                }
                _ = APIRoutes.startSession(account, context: context)
                return Reply.redirect("/")
            } catch let e as HTTPError where e.status == .tooManyRequests {
                var r = page("login", request, context, title: Word.signIn.text(lang), ["error": Word.tooManyAttempts.text(lang)])
                r.status = .tooManyRequests
                return r
            }
        }
        router.get("password") { request, context -> Response in
            guard let account = context.identity else { return Reply.redirect("/login") }
            return page("password", request, context, title: Word.changePassword.text(Self.language(request)),
                        ["oneTime": account.mustChangePassword])
        }
        router.get("/") { request, context -> Response in
            guard let account = context.identity else { return Reply.redirect("/login") }
            let list = try await store.programmes(of: account)
            return page("programmes", request, context, title: Word.programmes.text(Self.language(request)), [
                "programmes": list.map { ["id": $0.id, "name": $0.name, "region": $0.region] },
                "isAdmin": account.role == .admin,
            ])
        }
        router.get("p/{programme}") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (account, p) = try await Guard.programme(context, store)
            let lang = Self.language(request)
            let lists = try await store.currentLists(programmeID: p.id)
            let rounds = try await store.rounds(programmeID: p.id)
            return page("programme", request, context, title: p.name, [
                "programme": ["id": p.id, "name": p.name, "region": p.region, "profile": p.profileJSON],
                "lists": ListKind.allCases.compactMap { k in lists[k].map { l in
                    ["kind": k == .mentors ? Word.mentors.text(lang) : Word.mentees.text(lang), "fileName": l.fileName,
                     "rows": l.rows, "by": l.uploadedBy, "at": PageFormat.date(l.uploadedAt, lang)] as [String: Any] } },
                "rounds": rounds.reversed().map { r in
                    ["number": r.number, "status": r.isFinal ? Word.published.text(lang) : Word.proposed.text(lang),
                     "by": r.createdBy, "at": PageFormat.date(r.createdAt, lang)] as [String: Any] },
                "hasRounds": !rounds.isEmpty,
                "canDecide": account.role.mayDecide, "isAdmin": account.role == .admin,
                "proposeLabel": rounds.isEmpty ? Word.propose.text(lang) : Word.resolve.text(lang),
                "members": try await store.members(programmeID: p.id).map { ["name": $0.name, "role": $0.role.rawValue] },
            ])
        }
        router.get("p/{programme}/rounds/{round}") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (account, p) = try await Guard.programme(context, store)
            let record = try await Guard.round(context, store, p)
            let lang = Self.language(request)
            let view = try await RoundView.load(record, store: store, language: lang)
            let latest = try await store.rounds(programmeID: p.id).last?.number == record.number
            return page("round", request, context, title: "\(p.name) – \(Word.round.text(lang)) \(record.number)", [
                "programme": ["id": p.id, "name": p.name],
                "round": try Self.object(view),
                "final": record.isFinal,
                "canDecide": account.role.mayDecide && latest && !record.isFinal,
                "canPublish": account.role == .admin && latest && !record.isFinal,
                "hasChanges": !view.changes.isEmpty, "hasUnassigned": !view.unassigned.isEmpty,
            ])
        }
        router.get("p/{programme}/rounds/{round}/print") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (_, p) = try await Guard.programme(context, store)
            let record = try await Guard.round(context, store, p)
            var view = try await RoundView.load(record, store: store, language: Self.language(request))
            let contacts = try await work.contacts(programme: p)
            for c in view.cohorts.indices {
                for k in view.cohorts[c].pairs.indices { view.cohorts[c].pairs[k].contact = contacts[view.cohorts[c].pairs[k].menteeID] }
            }
            return page("print", request, context, title: p.name, ["programme": ["id": p.id, "name": p.name], "round": try Self.object(view)])
        }
        // The round's own report.html, inline, for the round page's map frame: our generated
        // file, whose inline styles and script need their own policy (same origin only).
        router.get("p/{programme}/rounds/{round}/report") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (_, p) = try await Guard.programme(context, store)
            let record = try await Guard.round(context, store, p)
            guard let data = try await store.roundFile(roundID: record.id, name: "report.html") else { throw HTTPError(.notFound) }
            return Self.inlineReport(data)
        }
        router.get("p/{programme}/planning") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (account, p) = try await Guard.programme(context, store)
            let lang = Self.language(request)
            return page("planning", request, context, title: Word.planning.text(lang), [
                "programme": ["id": p.id, "name": p.name],
                "canDecide": account.role.mayDecide,
                "kinds": ["business", "consultant", "cadre", "volunteer"].map { ["value": $0, "label": Self.kindText($0, lang)] },
                "planExample": Self.planExample,
                "scenarios": try await store.scenarios(programmeID: p.id).reversed().map {
                    ["number": $0.number, "name": $0.name, "by": $0.createdBy, "at": PageFormat.date($0.createdAt, lang)] },
            ])
        }
        router.get("p/{programme}/planning/{scenario}") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (_, p) = try await Guard.programme(context, store)
            guard let n = context.parameters.get("scenario", as: Int.self),
                  let s = try await store.scenarios(programmeID: p.id).first(where: { $0.number == n }) else { throw HTTPError(.notFound) }
            // The summary and chart in the page's language (scenarios stored before there was an
            // Indonesian copy show the English one).
            let lang = Self.language(request)
            let names = Set(try await store.scenarioFileNames(programmeID: p.id, number: n))
            let summaryName = lang == .id && names.contains("summary.id.txt") ? "summary.id.txt" : "summary.txt"
            let summary = try await store.scenarioFile(programmeID: p.id, number: n, name: summaryName)
            let chart = lang == .id && names.contains("plan.id.svg") ? "plan.id.svg" : "plan.svg"
            let hasReport = names.contains("report.html")
            return page("scenario", request, context, title: s.name, [
                "programme": ["id": p.id, "name": p.name],
                "scenario": ["number": s.number, "name": s.name, "summary": String(decoding: summary ?? Data(), as: UTF8.self), "chart": chart],
                "hasReport": hasReport, "hasChart": !hasReport,
            ])
        }
        router.get("p/{programme}/planning/{scenario}/report") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (_, p) = try await Guard.programme(context, store)
            guard let n = context.parameters.get("scenario", as: Int.self),
                  let data = try await store.scenarioFile(programmeID: p.id, number: n, name: "report.html") else { throw HTTPError(.notFound) }
            return Self.inlineReport(data)
        }
        router.get("p/{programme}/audit") { request, context -> Response in
            guard context.identity != nil else { return Reply.redirect("/login") }
            let (_, p) = try await Guard.programme(context, store)
            let lang = Self.language(request)
            return page("audit", request, context, title: Word.audit.text(lang), [
                "programme": ["id": p.id, "name": p.name],
                "entries": try await store.audit(programmeID: p.id).reversed().map {
                    ["by": $0.by, "action": $0.action, "detail": $0.detail, "at": PageFormat.date($0.at, lang)] },
            ])
        }
        router.get("static/{file}") { _, context -> Response in
            let name = context.parameters.get("file") ?? ""
            guard ["app.js", "app.css"].contains(name), let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "static"),
                  let data = try? Data(contentsOf: url) else { throw HTTPError(.notFound) }
            let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// A stored `report.html` shown inline in a frame of our own pages: its inline styles and
    /// script get their own policy, same origin only.
    static func inlineReport(_ data: Data) -> Response {
        Response(status: .ok, headers: [
            .contentType: "text/html; charset=utf-8",
            .init("Content-Security-Policy")!: "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
            .init("X-Frame-Options")!: "SAMEORIGIN",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The plan the projection form starts from: ten student cadres a year placed by
    /// kabupaten, a tenth of mentors leaving a year, alumni becoming mentors, new UMKM arriving.
    static let planExample = """
    {
      "recruit": [{"kind": "cadre", "count": 10, "capacity": 10, "kbli": ["47911", "10799", "56102"],
                   "expertise": ["digital", "pemasaran", "qris", "nib"], "languages": ["ind"], "place": "kabupaten"}],
      "attrition": 0.1,
      "alumni": {"share": 0.05, "capacity": 3},
      "arrivals": 0.02
    }
    """

    /// A mentor kind of the scenario form in the page language.
    static func kindText(_ kind: String, _ language: Language) -> String {
        switch kind {
        case "business": return Word.kindBusiness.text(language)
        case "consultant": return Word.kindConsultant.text(language)
        case "cadre": return Word.kindCadre.text(language)
        default: return Word.kindVolunteer.text(language)
        }
    }

    /// An `application/x-www-form-urlencoded` body as a dictionary.
    static func form(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in body.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let k = kv.first { out[k] = kv.count > 1 ? kv[1] : "" }
        }
        return out
    }

    /// An Encodable value as the dictionaries and arrays Mustache reads (keys as in Swift).
    static func object<T: Encodable>(_ value: T) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    }
}
