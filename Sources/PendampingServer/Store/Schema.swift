import GRDB

/// The store's tables, as GRDB migrations (applied in order, each once).
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
            CREATE TABLE account (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL UNIQUE COLLATE NOCASE,
              role TEXT NOT NULL CHECK (role IN ('admin', 'curator', 'viewer')),
              password_hash TEXT NOT NULL,
              created_at TEXT NOT NULL);
            CREATE TABLE programme (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL,
              region TEXT NOT NULL,
              profile_json TEXT NOT NULL,
              created_at TEXT NOT NULL);
            CREATE TABLE member (
              programme_id INTEGER NOT NULL REFERENCES programme(id),
              account_id INTEGER NOT NULL REFERENCES account(id),
              PRIMARY KEY (programme_id, account_id));
            CREATE TABLE list (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              programme_id INTEGER NOT NULL REFERENCES programme(id),
              kind TEXT NOT NULL CHECK (kind IN ('mentors', 'mentees')),
              file_name TEXT NOT NULL,
              sha256 TEXT NOT NULL,
              bytes BLOB NOT NULL,
              rows INTEGER NOT NULL,
              uploaded_by TEXT NOT NULL,
              uploaded_at TEXT NOT NULL);
            CREATE TABLE round (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              programme_id INTEGER NOT NULL REFERENCES programme(id),
              number INTEGER NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('proposed', 'final')),
              created_by TEXT NOT NULL,
              created_at TEXT NOT NULL,
              published_by TEXT,
              published_at TEXT,
              UNIQUE (programme_id, number));
            CREATE TABLE round_file (
              round_id INTEGER NOT NULL REFERENCES round(id),
              name TEXT NOT NULL,
              bytes BLOB NOT NULL,
              PRIMARY KEY (round_id, name));
            CREATE TABLE decision (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              programme_id INTEGER NOT NULL REFERENCES programme(id),
              round_number INTEGER NOT NULL,
              mentee_id TEXT NOT NULL,
              mentor_id TEXT NOT NULL,
              decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'lock', 'withdraw', 'clear')),
              decided_by TEXT NOT NULL,
              decided_at TEXT NOT NULL);
            CREATE INDEX decision_pair ON decision (programme_id, mentee_id, mentor_id);
            CREATE TABLE audit (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              programme_id INTEGER,
              done_by TEXT NOT NULL,
              action TEXT NOT NULL,
              detail TEXT NOT NULL,
              done_at TEXT NOT NULL);
            CREATE INDEX audit_programme ON audit (programme_id);
            CREATE TABLE session (
              key TEXT PRIMARY KEY,
              value BLOB NOT NULL,
              expires REAL);
            -- Decisions and the audit log are appended, never edited.
            CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
            CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
        }
        m.registerMigration("v2 scenarios") { db in
            try db.execute(sql: """
            CREATE TABLE scenario (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              programme_id INTEGER NOT NULL REFERENCES programme(id),
              number INTEGER NOT NULL,
              name TEXT NOT NULL,
              request TEXT NOT NULL,
              created_by TEXT NOT NULL,
              created_at TEXT NOT NULL,
              UNIQUE (programme_id, number));
            CREATE TABLE scenario_file (
              scenario_id INTEGER NOT NULL REFERENCES scenario(id),
              name TEXT NOT NULL,
              bytes BLOB NOT NULL,
              PRIMARY KEY (scenario_id, name));
            """)
        }
        m.registerMigration("v3 one-time passwords") { db in
            try db.execute(sql: "ALTER TABLE account ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0")
        }
        return m
    }
}
