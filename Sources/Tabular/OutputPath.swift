import Foundation

/// Checks shared by every writer of outputs: the path is usable, its parent can be created,
/// and no output replaces an input.
package enum OutputPath {
    /// The absolute, standardised URL of `path` (symbolic links in the parent resolved).
    /// - Throws: ``OutputError/invalid(_:)`` for an empty path or one ending in `.` or `..`.
    package static func resolve(_ path: String, what: String) throws -> URL {
        guard !path.isEmpty else { throw OutputError.invalid("the \(what) path is empty") }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let last = url.lastPathComponent
        guard !last.isEmpty, last != "/", last != ".", last != ".." else {
            throw OutputError.invalid("'\(path)' cannot be the \(what): name a directory below it")
        }
        return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(last)
    }

    /// Creates `parent` and the directories above it as needed; a component that is a file,
    /// or a directory that cannot be created, is a ``OutputError/cannotCreate(_:)``.
    package static func createParent(_ parent: URL) throws {
        var probe = parent
        var isDir: ObjCBool = false
        while !FileManager.default.fileExists(atPath: probe.path, isDirectory: &isDir) && probe.path != "/" {
            probe = probe.deletingLastPathComponent()
        }
        guard isDir.boolValue else {
            throw OutputError.cannotCreate("\(probe.path) is a file, so nothing can be written below it")
        }
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate("cannot create the directory \(parent.path): \(String(cString: strerror(errno)))")
        }
        guard access(parent.path, W_OK) == 0 else {
            throw OutputError.cannotCreate("cannot write in \(parent.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Refuses when an input is `output` itself or lies inside it (a directory replaced as a
    /// whole would take the input with it). Paths are compared after resolving links.
    package static func refuseInputs(_ inputs: [String], inside output: URL) throws {
        let out = output.resolvingSymlinksInPath().path
        for input in inputs where !input.isEmpty {
            let path = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
            if path == out || path.hasPrefix(out.hasSuffix("/") ? out : out + "/") {
                throw OutputError.wouldReplaceInput(output: output.path, input: input)
            }
        }
    }
}

/// A hidden sibling directory (`.NAME.KIND-PID-N`) that holds a new result before it moves
/// into place, or an old one on its way out; removed by ``finish()`` unless ``moved()``.
package final class Staging {
    package let url: URL
    private var present: Bool
    /// Paths for the signal handlers (C strings, so the handler need not allocate).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var active: [UnsafeMutablePointer<CChar>] = []

    package init(parent: URL, name: String, kind: String, create: Bool = true) throws {
        url = parent.appendingPathComponent(".\(name).\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        present = create
        if create {
            guard mkdir(url.path, 0o777) == 0 else {
                throw OutputError.cannotCreate("cannot write in \(parent.path): \(String(cString: strerror(errno)))")
            }
            Self.register(url.path)
        }
    }

    /// The directory now lives under another name; nothing to remove.
    package func moved() { present = false; Self.unregister(url.path) }

    /// Removes the directory (after an exchange it holds the old result).
    package func finish() {
        Self.unregister(url.path)
        if present || FileManager.default.fileExists(atPath: url.path) { try? FileManager.default.removeItem(at: url) }
        present = false
    }

    /// Removes leftovers of `name` from runs that died: staging directories whose process is
    /// gone; a directory set aside by the two-step fallback is put back when the target is
    /// missing, else removed. `O(entries of parent)`.
    /// Whether `entry` (a name in a directory) is a staging folder of a process that no longer
    /// exists: `.NAME.partial-PID-N` or `.NAME.old-PID-N`. `O(length)`.
    package static func isStale(_ entry: String) -> Bool {
        guard entry.hasPrefix(".") else { return false }
        for kind in [".partial-", ".old-"] {
            guard let r = entry.range(of: kind, options: .backwards) else { continue }
            let rest = entry[r.upperBound...]
            guard let pid = Int32(rest.split(separator: "-").first ?? ""), pid > 0 else { continue }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        return false
    }

    @discardableResult
    package static func sweep(_ parent: URL, name: String) throws -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        let target = parent.appendingPathComponent(name)
        var removed = 0
        for entry in entries.sorted() {
            for kind in ["partial", "old"] where entry.hasPrefix(".\(name).\(kind)-") {
                // Only leftovers of processes that no longer exist.
                guard isStale(entry) else { continue }
                let url = parent.appendingPathComponent(entry)
                if kind == "old" && !FileManager.default.fileExists(atPath: target.path) {
                    _ = rename(url.path, target.path)
                } else {
                    try? FileManager.default.removeItem(at: url)
                }
                removed += 1
            }
        }
        return removed
    }

    private static func register(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        active.append(strdup(path))
        installHandlers()
    }

    private static func unregister(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        active.removeAll { p in
            if String(cString: p) == path { free(p); return true }
            return false
        }
    }

    nonisolated(unsafe) private static var installed = false

    /// On SIGINT, SIGTERM or SIGHUP whose action is still the default, removes the staging
    /// directories (their files, then the directories) and ends the process as the signal
    /// would have. Signals a command handles itself (e.g. Ctrl-C stopping a solve) are left.
    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            sigaction(sig, nil, &current)
            guard current.__sigaction_handler.sa_handler == nil else { continue }   // SIG_DFL is nil
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                Staging.removeAllForSignal()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigaction(sig, &action, nil)
        }
    }

    /// Called from a signal handler, on paths prepared beforehand. `opendir` may allocate, so
    /// this is best effort; whatever it misses is swept by the next run.
    private static func removeAllForSignal() {
        for p in active { removeTree(p) }
    }

    /// Removes a directory of plain files (what staging holds).
    private static func removeTree(_ dir: UnsafeMutablePointer<CChar>) {
        guard let d = opendir(dir) else { return }
        let fd = dirfd(d)
        while let entry = readdir(d) {
            withUnsafePointer(to: entry.pointee.d_name) { name in
                name.withMemoryRebound(to: CChar.self, capacity: 256) { n in
                    if n[0] == 46 && (n[1] == 0 || (n[1] == 46 && n[2] == 0)) { return }
                    _ = unlinkat(fd, n, 0)
                }
            }
        }
        closedir(d)
        rmdir(dir)
    }
}

/// `renameat2(…, RENAME_EXCHANGE)`, looked up in the C library at run time (it is not in
/// Swift's Glibc module): swaps two paths atomically.
package enum Exchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let function: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// True when `a` and `b` were swapped; false when the call or the file system cannot.
    package static func swap(_ a: String, _ b: String) -> Bool {
        guard let function else { return false }
        let exchange: UInt32 = 2   // RENAME_EXCHANGE
        return function(AT_FDCWD, a, AT_FDCWD, b, exchange) == 0
    }
}
