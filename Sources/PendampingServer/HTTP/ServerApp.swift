import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import Mustache

/// Where and how the web app runs.
public struct ServerSettings: Sendable {
    /// The directory of the store and the staging space.
    public var dataDirectory: String
    /// The address to listen on (loopback by default).
    public var host = "127.0.0.1"
    /// The port to listen on.
    public var port = 8080
    /// Mark the session cookie `Secure` (serve behind TLS).
    public var secureCookies = false

    /// Settings with the defaults and `dataDirectory`.
    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    /// The store file inside the data directory.
    public var databasePath: String { (dataDirectory as NSString).appendingPathComponent("pendamping.sqlite") }
}

/// Builds the web app: store, sessions, the checks every request passes (session → account →
/// CSRF for writes → handler, which checks role and membership), the API and the pages.
public enum ServerApp {
    /// Opens the store in `settings.dataDirectory` (created if needed).
    public static func openStore(_ settings: ServerSettings) throws -> SQLiteStore {
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        return try SQLiteStore(path: settings.databasePath)
    }

    /// The router with every route, for the server and for route tests.
    public static func router(work: ProgrammeWork, settings: ServerSettings) async throws -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        let store = work.store
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorPageMiddleware())
        router.add(middleware: SessionMiddleware(
            storage: StorePersistDriver(store: store),
            configuration: .init(sessionCookieParameters: .init(name: "pendamping_session", path: "/", secure: settings.secureCookies,
                                                                sameSite: .strict),
                                 defaultSessionExpiration: .seconds(12 * 3600))))
        router.add(middleware: SessionAuthenticator(context: AppContext.self) { (session: WebSession, _) in
            try await store.account(id: session.accountID)
        })
        router.add(middleware: CSRFMiddleware())
        router.add(middleware: OneTimePasswordMiddleware())
        let limiter = LoginLimiter()
        APIRoutes(work: work, limiter: limiter).add(to: router)
        guard let dir = Bundle.module.url(forResource: "templates", withExtension: nil)?.path else {
            throw StoreRefusal("the page templates are missing from the bundle")
        }
        let templates = try await MustacheLibrary(directory: dir)
        PageRoutes(work: work, limiter: limiter, templates: templates).add(to: router)
        return router
    }

    /// The application listening on `settings.host:settings.port`.
    public static func application(work: ProgrammeWork, settings: ServerSettings) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "pendamping-server")
        logger.logLevel = .info
        return Application(router: try await router(work: work, settings: settings),
                           configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "pendamping"),
                           logger: logger)
    }
}

/// API errors as JSON `{"error": …}`; page errors as a short page; never a stack or personal data.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as HTTPError {
            if request.uri.path.hasPrefix("/api/") { return try Reply.error(e.status, e.body ?? e.status.reasonPhrase) }
            if e.status == .unauthorized { return Reply.redirect("/login") }
            return Reply.html("<!DOCTYPE html><meta charset=utf-8><title>\(e.status.code)</title><p>\(e.status.code) \(e.status.reasonPhrase)</p><p><a href=\"/\">Pendamping</a></p>",
                              status: e.status)
        }
    }
}
