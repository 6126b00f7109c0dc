import Foundation
import Pendamping
import Tabular

/// A one-line progress display on stderr (only used when stderr is a terminal).
enum ProgressLine {
    /// A handler for branch-and-cut progress: incumbent, bound, gap, nodes.
    static func mip(label: String) -> @Sendable (SolveProgress) -> Void {
        { p in
            let inc = p.incumbent.map { formatFixed($0, 1) } ?? "—"
            let gap = p.incumbent == nil ? "—" : formatFixed(p.relativeGap * 100, 2) + "%"
            FileHandle.standardError.write(Data("\r\(label): incumbent \(inc), bound \(formatFixed(p.bound, 1)), gap \(gap), nodes \(p.activeNodes)/\(p.totalNodes)   ".utf8))
        }
    }
    static func clear() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}

/// Turns SIGINT into a ``SolveStop`` request, so Ctrl-C returns the best solution found so far.
final class SignalStop {
    let source: DispatchSourceSignal
    init(_ flag: SolveStop) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { flag.stop() }
        source.resume()
    }
    deinit { source.cancel(); signal(SIGINT, SIG_DFL) }
}
