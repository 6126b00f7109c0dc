/// A GLPK call that did not work. Separate from ``TerminationStatus``, which says what is
/// true of the model after a call that did work.
public enum GLPKError: Error, Equatable, CustomStringConvertible {
    /// GLPK stopped on a fatal error (normally an abort); carries GLPK's own message.
    /// The thread's GLPK environment was rebuilt: problems created before it are gone.
    case fatal(message: String)
    /// The problem belonged to a GLPK environment that a fatal error freed.
    case invalidated
    /// The problem was used on a thread other than the one that created it.
    case wrongThread
    /// The model failed validation before GLPK saw it.
    case invalidModel(String)
    /// Reading or writing a model file failed.
    case file(path: String, reason: String)

    /// The error in words.
    public var description: String {
        switch self {
        case .fatal(let message): return "GLPK fatal error: \(message.trimmingTrailingNewlines)"
        case .invalidated: return "GLPK problem is no longer valid (a fatal error freed its environment)"
        case .wrongThread: return "GLPK problem used on a thread other than its own"
        case .invalidModel(let reason): return "invalid model: \(reason)"
        case .file(let path, let reason): return "\(path): \(reason)"
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while let last = s.last, last.isNewline { s = s.dropLast() }
        return String(s)
    }
}
