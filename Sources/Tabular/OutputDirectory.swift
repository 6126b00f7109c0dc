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

    /// Removes what killed runs left beside `directory`: staging folders of processes that no
    /// longer exist (a partial result, or an old one set aside, which is put back when the
    /// target is missing), and returns how many there were. A run calls it before its long
    /// work, so a kill never leaves them for long; writing calls it again.
    /// - Complexity: `O(entries of the parent directory)`.
    public static func removeStaleStaging(beside directory: String) -> Int {
        guard let target = try? OutputPath.resolve(directory, what: "output directory") else { return 0 }
        return (try? Staging.sweep(target.deletingLastPathComponent(), name: target.lastPathComponent)) ?? 0
    }

    /// The staging folders of killed runs in `directory` (by name), removed by the next run
    /// that writes beside them; `validate` mentions them. - Complexity: `O(entries)`.
    public static func staleStaging(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter(Staging.isStale).sorted()
    }

    /// Writes `files` (name, bytes; a name may hold `/` for a subdirectory) as the directory `directory`.
    /// - Parameter inputs: files the run read; none may lie inside the target.
    /// - Complexity: `O(total bytes)`.
    public static func write(_ files: [(name: String, data: Data)], to directory: String, inputs: [String] = []) throws {
        try write(to: directory, inputs: inputs) { sink in
            for f in files { try sink.write(f.name, f.data) }
        }
    }

    /// Writes the files that `produce` hands to its ``OutputSink`` (from any thread, each
    /// name once) as the directory `directory`, replacing any earlier one as a whole once
    /// `produce` returns; when it throws, nothing is replaced and its error is rethrown.
    /// Files go to disk as they come, so they need not all be held in memory together.
    /// - Parameter inputs: files the run read; none may lie inside the target.
    /// - Complexity: `O(total bytes)` besides `produce`.
    public static func write<T>(to directory: String, inputs: [String] = [], _ produce: (OutputSink) throws -> T) throws -> T {
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
        let sink = OutputSink(staging.url, shownParent: parent.path)
        let value = try produce(sink)
        try sink.write(marker, Data())
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
        return value
    }

    /// Refuses an existing directory that is neither empty nor an earlier output.
    package static func refuseForeign(_ target: URL, shown: String) throws {
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

/// Where ``OutputDirectory/write(to:inputs:_:)`` takes the files of the directory it is
/// writing: each goes straight into the staging directory. Safe to call from several threads
/// at once for different names.
public final class OutputSink: @unchecked Sendable {
    fileprivate let directory: URL
    private let shownParent: String
    fileprivate let lock = NSLock()

    package init(_ directory: URL, shownParent: String) {
        self.directory = directory
        self.shownParent = shownParent
    }

    /// Writes the file `name` (a name may hold `/` for a subdirectory) from `parts`, one
    /// after the other. - Complexity: `O(bytes)`.
    public func write(_ name: String, _ parts: Data...) throws { try write(name, parts: parts) }

    /// Writes one named file. - Complexity: `O(bytes)`.
    public func write(_ file: (name: String, data: Data)) throws { try write(file.name, parts: [file.data]) }

    /// As ``write(_:_:)``, with the parts in an array.
    public func write(_ name: String, parts: [Data]) throws {
        let file = try OrderedFile(self, name, parts: parts.count)
        for (k, part) in parts.enumerated() { try file.put(k, part) }
    }

    /// A file whose `parts` parts may be rendered on several threads in any order: each is
    /// written as soon as all parts before it are, so at most the parts that came early are
    /// held. - Complexity: `O(bytes)`.
    public func ordered(_ name: String, parts: Int) throws -> OrderedFile { try OrderedFile(self, name, parts: parts) }

    /// One file of an ``OutputSink`` written part by part in order; closed after the last part.
    public final class OrderedFile: @unchecked Sendable {
        private let name: String
        private let sink: OutputSink
        private var fd: Int32
        private let count: Int
        private var next = 0
        private var early: [Int: Data] = [:]
        private let lock = NSLock()

        package init(_ sink: OutputSink, _ name: String, parts: Int) throws {
            self.sink = sink; self.name = name; count = parts
            let url = sink.directory.appendingPathComponent(name)
            if name.contains("/") {
                try sink.lock.withLock {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                }
            }
            fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw sink.failure(name) }
            if parts == 0 { try finish() }
        }

        deinit { if fd >= 0 { close(fd) } }

        /// Hands over part `k` (0-based, each once). - Complexity: `O(bytes written now)`.
        public func put(_ k: Int, _ data: Data) throws {
            try lock.withLock {
                early[k] = data
                while let part = early.removeValue(forKey: next) {
                    try append(part)
                    next += 1
                }
                if next == count { try finish() }
            }
        }

        private func append(_ part: Data) throws {
            try part.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var done = 0
                while done < bytes.count {
                    let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { throw sink.failure(name) }
                    done += n
                }
            }
        }

        private func finish() throws {
            let result = close(fd)
            fd = -1
            guard result == 0 else { throw sink.failure(name) }
        }
    }

    fileprivate func failure(_ name: String) -> OutputError {
        .cannotCreate("cannot write \(name) in \(shownParent): \(String(cString: strerror(errno)))")
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

    /// The error in words.
    public var description: String {
        switch self {
        case .invalid(let s), .cannotCreate(let s): return s
        case .wouldReplaceInput(let output, let input):
            return "the output \(output) would replace the input \(input); write the output elsewhere"
        }
    }
}
