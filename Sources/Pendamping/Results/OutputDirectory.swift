import Foundation

/// Writes a set of files as one directory that replaces any earlier one as a whole: a reader,
/// or a process killed at any instant, sees either the complete old directory or the complete
/// new one, never a mix.
///
/// The files are written into a staging directory beside the target (`.NAME.partial-PID-N`),
/// which then takes the target's place by one `rename` (no target yet) or one
/// `renameat2(RENAME_EXCHANGE)` (Linux ≥ 3.15), after which the old directory, now under the
/// staging name, is removed. Where the file system cannot exchange, the old directory is first
/// renamed aside (`.NAME.old-PID-N`) and put back by the next run if a kill came between the two
/// renames. Staging directories of dead processes are removed by the next run, and SIGINT,
/// SIGTERM or SIGHUP during the write remove the current one before the process ends.
///
/// Safety rules, each refused with ``OutputError``: an empty path; a target that is a file or
/// lies under one; an existing directory that is neither empty nor an earlier result of this
/// tool (it holds the marker file, or the `summary.json` of a result written before the marker
/// existed); a target that holds one of the run's input files.
public enum OutputDirectory {
    /// A file this tool leaves in every directory it writes, so a later run knows it may
    /// replace the directory.
    public static let marker = ".pendamping-output"

    /// Writes `files` (name, bytes; a name may hold `/` for a subdirectory) as the directory `directory`.
    /// - Parameter inputs: files the run read; none may lie inside the target.
    /// - Complexity: `O(total bytes)`.
    public static func write(_ files: [(name: String, data: Data)], to directory: String, inputs: [String] = []) throws {
        let target = try OutputPath.resolve(directory, what: "output directory")
        try OutputPath.refuseInputs(inputs, inside: target)
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent(), name = target.lastPathComponent
        try OutputPath.createParent(parent)
        try Staging.sweep(parent, name: name)
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDir)
        if exists {
            guard isDir.boolValue else { throw OutputError.cannotCreate("\(directory) is a file, not a directory") }
            try refuseForeign(target, shown: directory)
        }
        let staging = try Staging(parent: parent, name: name, kind: "partial")
        defer { staging.finish() }
        do {
            for f in files + [(name: marker, data: Data())] {
                // A name with a slash is a file in a subdirectory (a shard's lists).
                if f.name.contains("/") {
                    try fm.createDirectory(at: staging.url.appendingPathComponent(f.name).deletingLastPathComponent(),
                                           withIntermediateDirectories: true)
                }
                guard fm.createFile(atPath: staging.url.appendingPathComponent(f.name).path, contents: f.data) else {
                    throw OutputError.cannotCreate("cannot write \(f.name) in \(parent.path): \(String(cString: strerror(errno)))")
                }
            }
            if !exists {
                guard rename(staging.url.path, target.path) == 0 else {
                    throw OutputError.cannotCreate("cannot create \(directory): \(String(cString: strerror(errno)))")
                }
                staging.moved()
            } else if Exchange.swap(staging.url.path, target.path) {
                // The staging name now holds the old directory; `finish` removes it.
            } else {
                try replaceInTwoSteps(target, with: staging, shown: directory)
            }
        }
    }

    /// Refuses an existing directory that is neither empty nor an earlier output.
    static func refuseForeign(_ target: URL, shown: String) throws {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        let ours = entries.contains(marker) || entries.contains("summary.json")
        guard entries.isEmpty || ours else {
            throw OutputError.cannotCreate("\(shown) already exists and is not an earlier Pendamping output "
                + "(it would be replaced as a whole); choose a new or empty directory")
        }
    }

    /// The fallback where `renameat2` cannot exchange: old aside, new in, old removed.
    private static func replaceInTwoSteps(_ target: URL, with staging: Staging, shown: String) throws {
        let aside = try Staging(parent: target.deletingLastPathComponent(), name: target.lastPathComponent, kind: "old", create: false)
        defer { aside.finish() }
        guard rename(target.path, aside.url.path) == 0 else {
            throw OutputError.cannotCreate("cannot replace \(shown): \(String(cString: strerror(errno)))")
        }
        guard rename(staging.url.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside.url.path, target.path)
            aside.moved()
            throw OutputError.cannotCreate("cannot replace \(shown): \(reason)")
        }
        staging.moved()
    }
}

/// A path given for output could not be used (exit 73), or was empty (a usage error).
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path is empty or otherwise unusable as given.
    case invalid(String)
    /// The output cannot be created where asked.
    case cannotCreate(String)
    /// Writing would replace or delete one of the run's inputs.
    case wouldReplaceInput(output: String, input: String)

    public var description: String {
        switch self {
        case .invalid(let s), .cannotCreate(let s): return s
        case .wouldReplaceInput(let output, let input):
            return "the output \(output) would replace the input \(input); write the output elsewhere"
        }
    }
}
