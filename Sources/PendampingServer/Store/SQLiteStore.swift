import Foundation
import GRDB

/// ``Store`` on one SQLite file (GRDB's `DatabasePool`: WAL mode, readers beside one writer).
/// Every method is one transaction, so a killed process leaves either all of a change or none.
public final class SQLiteStore: Store {
    let pool: DatabasePool

    /// Opens (creating if needed) the store at `path` and applies the schema's migrations.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Wait for the writer rather than fail at once when another process holds it (a backup).
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(pool)
    }

    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon)) + "Z"
    }

    static func log(_ db: Database, programme: Int64?, by: String, action: String, detail: String) throws {
        try db.execute(sql: "INSERT INTO audit (programme_id, done_by, action, detail, done_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [programme, by, action, detail, now()])
    }

    // MARK: Accounts

    /// Adds an account (`oneTime`: its password must be changed at first login), logged. - Throws: ``StoreRefusal`` when the name is taken.
    public func addAccount(name: String, role: Role, passwordHash: String, oneTime: Bool = false) async throws -> Account {
        try await pool.write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name]) != nil {
                throw StoreRefusal("an account named \(name) exists")
            }
            try db.execute(sql: "INSERT INTO account (name, role, password_hash, created_at, must_change_password) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, role.rawValue, passwordHash, Self.now(), oneTime])
            let id = db.lastInsertedRowID
            try Self.log(db, programme: nil, by: name, action: "account", detail: "account \(id) created as \(role.rawValue)")
            return Account(id: id, name: name, role: role, mustChangePassword: oneTime)
        }
    }

    /// Sets an account's password hash and clears the one-time mark, logged.
    public func setPassword(accountID: Int64, passwordHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ?, must_change_password = 0 WHERE id = ?", arguments: [passwordHash, accountID])
            try Self.log(db, programme: nil, by: "account \(accountID)", action: "password", detail: "password changed")
        }
    }

    static func account(_ row: Row) -> Account {
        Account(id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer,
                mustChangePassword: (row["must_change_password"] as Bool?) ?? false)
    }

    /// The account named `name` and its password hash, for the login check only.
    public func credentials(name: String) async throws -> (Account, String)? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]).map { (Self.account($0), $0["password_hash"]) }
        }
    }

    /// The account with key `id`, if any.
    public func account(id: Int64) async throws -> Account? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]).map(Self.account) }
    }

    /// Every account, by name.
    public func accounts() async throws -> [Account] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").map(Self.account) }
    }

    // MARK: Programmes

    static func programme(_ row: Row) -> Programme {
        Programme(id: row["id"], name: row["name"], region: row["region"], profileJSON: row["profile_json"], createdAt: row["created_at"])
    }

    /// Creates a programme with its creator as first member, logged. - Throws: ``StoreRefusal`` when the name is taken.
    public func createProgramme(name: String, region: String, profileJSON: String, by: Account) async throws -> Programme {
        try await pool.write { db in
            let at = Self.now()
            try db.execute(sql: "INSERT INTO programme (name, region, profile_json, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, region, profileJSON, at])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO member (programme_id, account_id) VALUES (?, ?)", arguments: [id, by.id])
            try Self.log(db, programme: id, by: by.name, action: "programme", detail: "programme created")
            return Programme(id: id, name: name, region: region, profileJSON: profileJSON, createdAt: at)
        }
    }

    /// The programmes `account` is a member of, by name.
    public func programmes(of account: Account) async throws -> [Programme] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.* FROM programme p JOIN member m ON m.programme_id = p.id WHERE m.account_id = ? ORDER BY p.id
                """, arguments: [account.id]).map(Self.programme)
        }
    }

    /// The programme with key `id` when `account` is a member of it; nil otherwise (not found and not a member look the same).
    public func programme(id: Int64, member account: Account) async throws -> Programme? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT p.* FROM programme p JOIN member m ON m.programme_id = p.id WHERE p.id = ? AND m.account_id = ?
                """, arguments: [id, account.id]).map(Self.programme)
        }
    }

    /// Makes an account a member of a programme, logged. - Throws: ``StoreRefusal`` for an unknown account.
    public func addMember(programmeID: Int64, accountID: Int64, by: Account) async throws {
        try await pool.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE id = ?", arguments: [accountID]) != nil else {
                throw StoreRefusal("no account \(accountID)")
            }
            try db.execute(sql: "INSERT OR IGNORE INTO member (programme_id, account_id) VALUES (?, ?)", arguments: [programmeID, accountID])
            try Self.log(db, programme: programmeID, by: by.name, action: "member", detail: "account \(accountID) added")
        }
    }

    /// The members of a programme, by name.
    public func members(programmeID: Int64) async throws -> [Account] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.* FROM account a JOIN member m ON m.account_id = a.id WHERE m.programme_id = ? ORDER BY a.id
                """, arguments: [programmeID]).map(Self.account)
        }
    }

    /// Replaces a programme's profile JSON, logged.
    public func setProfile(programmeID: Int64, profileJSON: String, by: Account) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE programme SET profile_json = ? WHERE id = ?", arguments: [profileJSON, programmeID])
            try Self.log(db, programme: programmeID, by: by.name, action: "profile", detail: "profile changed")
        }
    }

    // MARK: Lists

    /// Stores an uploaded list as the programme's current one of its kind, logged.
    public func saveList(programmeID: Int64, kind: ListKind, fileName: String, bytes: Data, sha256: String, rows: Int,
                         by: Account) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO list (programme_id, kind, file_name, sha256, bytes, rows, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [programmeID, kind.rawValue, fileName, sha256, bytes, rows, by.name, Self.now()])
            try Self.log(db, programme: programmeID, by: by.name, action: "upload",
                         detail: "\(kind.rawValue) list uploaded: \(rows) rows, SHA-256 \(sha256.prefix(12))")
        }
    }

    /// The newest list of each kind of a programme.
    public func currentLists(programmeID: Int64) async throws -> [ListKind: StoredList] {
        try await pool.read { db in
            var out: [ListKind: StoredList] = [:]
            for kind in ListKind.allCases {
                if let r = try Row.fetchOne(db, sql: """
                    SELECT * FROM list WHERE programme_id = ? AND kind = ? ORDER BY id DESC LIMIT 1
                    """, arguments: [programmeID, kind.rawValue]) {
                    out[kind] = StoredList(id: r["id"], kind: kind, fileName: r["file_name"], sha256: r["sha256"], bytes: r["bytes"],
                                           rows: r["rows"], uploadedBy: r["uploaded_by"], uploadedAt: r["uploaded_at"])
                }
            }
            return out
        }
    }

    // MARK: Rounds

    static func round(_ r: Row) -> RoundRecord {
        RoundRecord(id: r["id"], programmeID: r["programme_id"], number: r["number"], status: r["status"],
                    createdBy: r["created_by"], createdAt: r["created_at"], publishedBy: r["published_by"], publishedAt: r["published_at"])
    }

    /// Stores a round and its files in one transaction, logged. - Throws: ``StoreRefusal`` when the number is taken.
    public func saveRound(programmeID: Int64, number: Int, files: [(name: String, data: Data)], by: Account) async throws -> RoundRecord {
        let files = files.map { ($0.name, $0.data) }
        return try await pool.write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM round WHERE programme_id = ? AND number = ?", arguments: [programmeID, number]) != nil {
                throw StoreRefusal("round \(number) exists already")
            }
            let at = Self.now()
            try db.execute(sql: "INSERT INTO round (programme_id, number, status, created_by, created_at) VALUES (?, ?, 'proposed', ?, ?)",
                           arguments: [programmeID, number, by.name, at])
            let id = db.lastInsertedRowID
            for (name, data) in files {
                try db.execute(sql: "INSERT INTO round_file (round_id, name, bytes) VALUES (?, ?, ?)", arguments: [id, name, data])
            }
            try Self.log(db, programme: programmeID, by: by.name, action: "round", detail: "round \(number) proposed")
            return RoundRecord(id: id, programmeID: programmeID, number: number, status: "proposed", createdBy: by.name, createdAt: at)
        }
    }

    /// A programme's rounds, by number.
    public func rounds(programmeID: Int64) async throws -> [RoundRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM round WHERE programme_id = ? ORDER BY number", arguments: [programmeID]).map(Self.round)
        }
    }

    /// A programme's round `number`, if any.
    public func round(programmeID: Int64, number: Int) async throws -> RoundRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM round WHERE programme_id = ? AND number = ?", arguments: [programmeID, number]).map(Self.round)
        }
    }

    /// The bytes of one file of a round, if it has it.
    public func roundFile(roundID: Int64, name: String) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM round_file WHERE round_id = ? AND name = ?", arguments: [roundID, name])
        }
    }

    /// The names of a round's files, ascending.
    public func roundFileNames(roundID: Int64) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM round_file WHERE round_id = ? ORDER BY name", arguments: [roundID])
        }
    }

    /// Publishes a draft round as final, logged. - Throws: ``StoreRefusal`` for an unknown or already final round.
    public func publish(programmeID: Int64, number: Int, by: Account) async throws {
        try await pool.write { db in
            guard let status = try String.fetchOne(db, sql: "SELECT status FROM round WHERE programme_id = ? AND number = ?",
                                                   arguments: [programmeID, number]) else { throw StoreRefusal("no round \(number)") }
            guard status == "proposed" else { throw StoreRefusal("round \(number) is published already") }
            try db.execute(sql: "UPDATE round SET status = 'final', published_by = ?, published_at = ? WHERE programme_id = ? AND number = ?",
                           arguments: [by.name, Self.now(), programmeID, number])
            try Self.log(db, programme: programmeID, by: by.name, action: "publish", detail: "round \(number) published")
        }
    }

    // MARK: Scenarios

    /// Stores a what-if question and its answer's files, numbered next in the programme, logged.
    public func saveScenario(programmeID: Int64, name: String, request: String, files: [(name: String, data: Data)], by: Account) async throws -> ScenarioRecord {
        let files = files.map { ($0.name, $0.data) }
        return try await pool.write { db in
            let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM scenario WHERE programme_id = ?", arguments: [programmeID]) ?? 0) + 1
            let at = Self.now()
            try db.execute(sql: "INSERT INTO scenario (programme_id, number, name, request, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [programmeID, number, name, request, by.name, at])
            let id = db.lastInsertedRowID
            for (file, data) in files {
                try db.execute(sql: "INSERT INTO scenario_file (scenario_id, name, bytes) VALUES (?, ?, ?)", arguments: [id, file, data])
            }
            try Self.log(db, programme: programmeID, by: by.name, action: "scenario", detail: "scenario \(number) answered")
            return ScenarioRecord(id: id, number: number, name: name, request: request, createdBy: by.name, createdAt: at)
        }
    }

    /// A programme's scenarios, by number.
    public func scenarios(programmeID: Int64) async throws -> [ScenarioRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM scenario WHERE programme_id = ? ORDER BY number", arguments: [programmeID]).map {
                ScenarioRecord(id: $0["id"], number: $0["number"], name: $0["name"], request: $0["request"],
                               createdBy: $0["created_by"], createdAt: $0["created_at"])
            }
        }
    }

    /// The bytes of one file of a scenario's answer, if it has it.
    public func scenarioFile(programmeID: Int64, number: Int, name: String) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: """
                SELECT f.bytes FROM scenario_file f JOIN scenario s ON s.id = f.scenario_id
                WHERE s.programme_id = ? AND s.number = ? AND f.name = ?
                """, arguments: [programmeID, number, name])
        }
    }

    /// The names of a scenario's files, ascending.
    public func scenarioFileNames(programmeID: Int64, number: Int) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT f.name FROM scenario_file f JOIN scenario s ON s.id = f.scenario_id
                WHERE s.programme_id = ? AND s.number = ? ORDER BY f.name
                """, arguments: [programmeID, number])
        }
    }

    // MARK: Decisions

    static func decision(_ r: Row) -> DecisionRecord {
        DecisionRecord(id: r["id"], roundNumber: r["round_number"], menteeID: r["mentee_id"], mentorID: r["mentor_id"],
                       decision: r["decision"], by: r["decided_by"], at: r["decided_at"])
    }

    /// Records a decision if the pair's newest decision is still `expected` (0: none), logged. - Throws: ``DecisionConflict`` otherwise.
    public func decide(programmeID: Int64, roundNumber: Int, menteeID: String, mentorID: String, decision: String,
                       expected: Int64, by: Account) async throws -> DecisionRecord {
        try await pool.write { db in
            let newest = try Row.fetchOne(db, sql: """
                SELECT * FROM decision WHERE programme_id = ? AND mentee_id = ? AND mentor_id = ? ORDER BY id DESC LIMIT 1
                """, arguments: [programmeID, menteeID, mentorID]).map(Self.decision)
            if let newest, newest.id != expected { throw DecisionConflict(current: newest) }
            if newest == nil && expected != 0 { throw StoreRefusal("decision \(expected) is not this pair's") }
            let at = Self.now()
            try db.execute(sql: """
                INSERT INTO decision (programme_id, round_number, mentee_id, mentor_id, decision, decided_by, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [programmeID, roundNumber, menteeID, mentorID, decision, by.name, at])
            let id = db.lastInsertedRowID
            let pair = [menteeID, mentorID].filter { !$0.isEmpty }.joined(separator: " – ")
            try Self.log(db, programme: programmeID, by: by.name, action: decision, detail: "\(pair) (round \(roundNumber))")
            return DecisionRecord(id: id, roundNumber: roundNumber, menteeID: menteeID, mentorID: mentorID, decision: decision, by: by.name, at: at)
        }
    }

    /// A programme's decisions, in the order made.
    public func decisions(programmeID: Int64) async throws -> [DecisionRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM decision WHERE programme_id = ? ORDER BY id", arguments: [programmeID]).map(Self.decision)
        }
    }

    /// A programme's audit log, in the order written.
    public func audit(programmeID: Int64) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE programme_id = ? ORDER BY id", arguments: [programmeID]).map {
                AuditEntry(id: $0["id"], by: $0["done_by"], action: $0["action"], detail: $0["detail"], at: $0["done_at"])
            }
        }
    }

    // MARK: Sessions

    /// Stores a login session's value until `expires`.
    public func sessionSet(key: String, value: Data, expires: Date?) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO session (key, value, expires) VALUES (?, ?, ?)",
                           arguments: [key, value, expires?.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM session WHERE expires IS NOT NULL AND expires < ?", arguments: [Date().timeIntervalSince1970])
        }
    }

    /// A login session's value and expiry, if stored.
    public func sessionGet(key: String) async throws -> (Data, Date?)? {
        try await pool.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT value, expires FROM session WHERE key = ?", arguments: [key]) else { return nil }
            let expires = (r["expires"] as Double?).map { Date(timeIntervalSince1970: $0) }
            if let expires, expires < Date() { return nil }
            return (r["value"], expires)
        }
    }

    /// Removes a login session.
    public func sessionRemove(key: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM session WHERE key = ?", arguments: [key]) }
    }

    /// Copies the whole database to `path` (SQLite's online backup), consistent while the server runs.
    public func backup(to path: String) throws {
        let target = try DatabaseQueue(path: path)
        try pool.backup(to: target)
    }
}
