import ArgumentParser
import Foundation
import HummingbirdBcrypt
import PendampingServer

/// `pendamping-server`: the web app and the commands that look after its data directory.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pendamping-server",
        abstract: "The office's web app: lists, curation rounds and decisions in a browser, on SQLite.",
        subcommands: [Serve.self, User.self, Backup.self]
    )
}

struct DataOption: ParsableArguments {
    @Option(help: "Data directory: the SQLite store (pendamping.sqlite) and scratch folders.")
    var data: String
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web app.")
    @OptionGroup var data: DataOption
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Mark the session cookie Secure (when served behind TLS).") var secureCookies = false
    @Option(help: "With --demo-mentees: load these lists as a demo programme when the store has none, and create the first admin.")
    var demoMentors: String?
    @Option(help: "The demo programme's mentees list.") var demoMentees: String?

    func run() async throws {
        var settings = ServerSettings(dataDirectory: data.data)
        settings.host = host; settings.port = port; settings.secureCookies = secureCookies
        let store = try ServerApp.openStore(settings)
        let work = try ProgrammeWork(store: store, dataDirectory: settings.dataDirectory)
        if let m = demoMentors, let e = demoMentees {
            if let password = try await Demo.seed(work: work, mentors: m, mentees: e) {
                say("first admin: name admin, one-time password \(password)")
            }
        }
        say("Pendamping web app: http://\(host):\(port)/  (data \(settings.dataDirectory))")
        let app = try await ServerApp.application(work: work, settings: settings)
        try await app.runService()
    }
}

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account; the password is read from standard input (one line, at least 8 characters).")
        @OptionGroup var data: DataOption
        @Option(help: "Account name.") var name: String
        @Option(help: "admin, curator or viewer.") var role: String
        @Option(help: "Make the account a member of this programme (its id).") var programme: Int64?

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be admin, curator or viewer") }
            guard let line = readLine(strippingNewline: true), line.count >= 8 else {
                throw ValidationError("give the password on standard input: one line of at least 8 characters")
            }
            let store = try ServerApp.openStore(ServerSettings(dataDirectory: data.data))
            let account: Account
            do { account = try await store.addAccount(name: name, role: role, passwordHash: Bcrypt.hash(line), oneTime: false) }
            catch let r as StoreRefusal { throw ValidationError(r.description) }
            if let programme {
                try await store.addMember(programmeID: programme, accountID: account.id, by: account)
            }
            print("account \(account.id) added (\(role.rawValue))")
        }
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy the store to OUT with SQLite's online backup (safe while the server runs).")
    @OptionGroup var data: DataOption
    @Argument(help: "The backup file to write (must not exist).") var out: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: out) else { throw ValidationError("\(out) exists; give a new file name") }
        let store = try ServerApp.openStore(ServerSettings(dataDirectory: data.data))
        let staging = out + ".partial"
        try? FileManager.default.removeItem(atPath: staging)
        try store.backup(to: staging)
        try FileManager.default.moveItem(atPath: staging, toPath: out)
        print("backup written to \(out)")
    }
}

/// A line on standard output, written at once (not held in a buffer while the server runs).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
