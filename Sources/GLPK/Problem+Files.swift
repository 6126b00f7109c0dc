import CGLPK
import CGLPKShims

/// Model file formats GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// CPLEX LP format.
    case lp
    /// Free (modern) MPS format.
    case mps

    var code: Int32 { self == .lp ? 0 : 1 }
}

extension Problem {
    /// Writes the problem to `path` in `format`.
    /// The corresponding GLPK routines are `glp_write_lp` and `glp_write_mps`.
    public func write(to path: String, format: ModelFileFormat) throws(GLPKError) {
        var ret: Int32 = 0
        try call { pdm_write($0, format.code, path, &ret, $1) }
        guard ret == 0 else { throw .file(path: path, reason: "GLPK could not write the \(format.rawValue) file") }
    }

    /// Reads a problem from `path` in `format`, replacing this problem's content.
    /// The corresponding GLPK routines are `glp_read_lp` and `glp_read_mps`.
    public func read(from path: String, format: ModelFileFormat) throws(GLPKError) {
        var ret: Int32 = 0
        try call { pdm_read($0, format.code, path, &ret, $1) }
        guard ret == 0 else { throw .file(path: path, reason: "GLPK could not read it as \(format.rawValue)") }
    }
}
