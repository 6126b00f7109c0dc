import Foundation

/// Scratch folders for one piece of work (checking an upload, solving a round), always inside
/// `DIR/work` and removed when the work ends. No name from a request reaches a path: files
/// are written under fixed names chosen here.
struct Workspace {
    let root: String

    init(dataDirectory: String) throws {
        root = (dataDirectory as NSString).appendingPathComponent("work")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// Runs `body` with a fresh folder, removed afterwards whatever happens.
    func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        let dir = (root as NSString).appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try body(dir)
    }

    /// Removes folders left by a killed process. - Complexity: `O(folders)`.
    func sweep() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            try? FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(name))
        }
    }

    /// Writes the two stored lists into `folder` under their fixed names; their paths.
    static func stage(mentors: StoredList, mentees: StoredList, in folder: String) throws -> (mentors: String, mentees: String) {
        let m = (folder as NSString).appendingPathComponent(stagedName(.mentors, fileName: mentors.fileName))
        let e = (folder as NSString).appendingPathComponent(stagedName(.mentees, fileName: mentees.fileName))
        try mentors.bytes.write(to: URL(fileURLWithPath: m))
        try mentees.bytes.write(to: URL(fileURLWithPath: e))
        return (m, e)
    }

    /// The fixed name a list is staged under: its kind and the uploaded name's extension
    /// (`.xlsx` or `.csv`; anything else is refused before this).
    static func stagedName(_ kind: ListKind, fileName: String) -> String {
        kind.rawValue + (fileName.lowercased().hasSuffix(".xlsx") ? ".xlsx" : ".csv")
    }
}
