import Foundation

/// Writes a set of files into a directory so that a reader never sees a partial set from a
/// failed run: files are written into a staging directory beside the target, then moved in
/// (the whole directory by one rename when the target does not exist yet, else file by file,
/// each by an atomic rename). On any error the staging directory is removed.
public enum OutputDirectory {
    public static func write(_ files: [(name: String, data: Data)], to directory: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            for f in files { try f.data.write(to: staging.appendingPathComponent(f.name)) }
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: target.path, isDirectory: &isDir) {
                guard isDir.boolValue else { throw CocoaError(.fileWriteFileExists) }
                for f in files {
                    if rename(staging.appendingPathComponent(f.name).path, target.appendingPathComponent(f.name).path) != 0 {
                        throw CocoaError(.fileWriteUnknown)
                    }
                }
                try fm.removeItem(at: staging)
            } else if rename(staging.path, target.path) != 0 {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
