import Foundation
import Hummingbird
import HummingbirdAuth
import Tabular

/// The checks every route makes, on the server: signed in (401), a member of the programme
/// asked for (404, so that another programme's ids reveal nothing), the role allows it (403).
enum Guard {
    static func account(_ context: AppContext) throws -> Account {
        guard let a = context.identity else { throw HTTPError(.unauthorized, message: "sign in first") }
        return a
    }

    /// The programme named by the path's `{programme}` if the signed-in account is a member.
    static func programme(_ context: AppContext, _ store: any Store) async throws -> (Account, Programme) {
        let account = try account(context)
        guard let id = context.parameters.get("programme", as: Int64.self),
              let p = try await store.programme(id: id, member: account) else {
            throw HTTPError(.notFound, message: "no such programme")
        }
        return (account, p)
    }

    static func requireAdmin(_ a: Account) throws {
        guard a.role == .admin else { throw HTTPError(.forbidden, message: "only an admin may do this") }
    }

    static func requireDecider(_ a: Account) throws {
        guard a.role.mayDecide else { throw HTTPError(.forbidden, message: "a viewer may not change anything") }
    }

    /// The round number of the path's `{round}`.
    static func round(_ context: AppContext, _ store: any Store, _ p: Programme) async throws -> RoundRecord {
        guard let n = context.parameters.get("round", as: Int.self), let r = try await store.round(programmeID: p.id, number: n) else {
            throw HTTPError(.notFound, message: "no such round")
        }
        return r
    }
}

/// Refuses a state-changing request (anything but GET and HEAD) whose `X-CSRF-Token` header
/// is not the session's token; sign-in (no session yet) is the one exception.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        if request.method == .get || request.method == .head { return try await next(request, context) }
        let path = request.uri.path
        if path == "/login" || path == "/api/login" { return try await next(request, context) }
        guard let session = context.sessions.session else { throw HTTPError(.unauthorized, message: "sign in first") }
        let sent = request.headers[.init("X-CSRF-Token")!] ?? ""
        guard !sent.isEmpty, constantTimeEqual(sent, session.csrf) else {
            throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
        }
        return try await next(request, context)
    }

    func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Holds an account with a one-time password to changing it: pages go to `/password`, other
/// API calls answer 403, until it is changed.
struct OneTimePasswordMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let open: Set<String> = ["/password", "/api/password", "/api/logout", "/api/me", "/login", "/api/login", "/api/openapi.json"]

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard let a = context.identity, a.mustChangePassword, !Self.open.contains(path), !path.hasPrefix("/static/") else {
            return try await next(request, context)
        }
        if path.hasPrefix("/api/") { throw HTTPError(.forbidden, message: "change the one-time password first (POST /api/password)") }
        return Reply.redirect("/password")
    }
}

/// Security headers on every response: no framing, no sniffing, same-origin resources only.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var r = try await next(request, context)
        r.headers[.init("X-Content-Type-Options")!] = "nosniff"
        r.headers[.init("Referrer-Policy")!] = "same-origin"
        // A route that set its own framing and policy (the inline report) keeps them.
        if r.headers[.init("Content-Security-Policy")!] == nil {
            r.headers[.init("X-Frame-Options")!] = "DENY"
            r.headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
        }
        return r
    }
}

/// JSON replies of the API.
enum Reply {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder.sorted.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, extra: [String: String] = [:]) throws -> Response {
        var body = extra
        body["error"] = message
        return try json(body, status: status)
    }

    /// A refused request (422): `error` in English, and `message` in the language the page
    /// asked for (`X-Page-Language`), when the refusal has words of its own.
    static func refusal(_ r: ProgrammeWork.RoundRefusal, _ request: Request, status: HTTPResponse.Status = .unprocessableContent) throws -> Response {
        try error(status, r.message, extra: ["message": r.text(pageLanguage(request))])
    }

    /// The language `?lang=` names (`id` or `en`), else `fallback`.
    static func queryLanguage(_ request: Request, else fallback: Language) -> Language {
        request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) } ?? fallback
    }

    /// The language a page asks the API to answer in (`X-Page-Language`); English for other clients.
    static func pageLanguage(_ request: Request) -> Language {
        request.headers[.init("X-Page-Language")!].flatMap(Language.init(rawValue:)) ?? .en
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ to: String) -> Response {
        Response(status: .seeOther, headers: [.location: to])
    }

    static func file(_ data: Data, name: String) -> Response {
        let type: String
        switch (name as NSString).pathExtension {
        case "csv": type = "text/csv; charset=utf-8"
        case "json": type = "application/json"
        case "geojson": type = "application/geo+json"
        case "html": type = "text/html; charset=utf-8"
        case "xlsx": type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "svg": type = "image/svg+xml"
        default: type = "application/octet-stream"
        }
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
