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
        (try write(mentors.bytes, named: stagedName(.mentors, fileName: mentors.fileName), in: folder),
         try write(mentees.bytes, named: stagedName(.mentees, fileName: mentees.fileName), in: folder))
    }

    /// Writes `data` as `folder/name` (a name chosen here, never a request's); its path.
    static func write(_ data: Data, named name: String, in folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The fixed name a list is staged under: its kind and the uploaded name's extension
    /// (`.xlsx` or `.csv`; anything else is refused before this).
    static func stagedName(_ kind: ListKind, fileName: String) -> String {
        kind.rawValue + (fileName.lowercased().hasSuffix(".xlsx") ? ".xlsx" : ".csv")
    }
}
