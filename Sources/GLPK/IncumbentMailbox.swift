import Synchronization

/// Incumbents that another thread finds while a branch and cut runs (a heuristic beside it):
/// the newest one posted is offered at GLPK's next heuristic callback, once, when it fits the
/// problem searched (every row and bound; GLPK itself checks only integrality). GLPK keeps it
/// only when it beats GLPK's own incumbent. The corresponding GLPK routine is `glp_ios_heur_sol`.
public final class IncumbentMailbox: Sendable {
    private struct Box {
        var values: [Double] = []
        var posted = 0
        var taken = 0
        var takes = 0
    }
    private let box = Mutex(Box())

    /// An empty mailbox.
    public init() {}

    /// Leaves `values` (one per column of the model searched) for the next heuristic callback,
    /// replacing any not yet taken. Safe from any thread. - Complexity: `O(columns)`.
    public func post(_ values: [Double]) {
        box.withLock { $0.values = values; $0.posted += 1 }
    }

    /// How many posts a search has taken (offered to GLPK when they fit).
    var takes: Int { box.withLock { $0.takes } }

    /// Copies a newer incumbent than the last one taken into `x[1...count]`, if there is one.
    func take(into x: UnsafeMutablePointer<Double>, count: Int) -> Bool {
        box.withLock { b in
            guard b.posted != b.taken, b.values.count == count else { return false }
            b.taken = b.posted; b.takes += 1
            for k in 0..<count { x[k + 1] = b.values[k] }
            return true
        }
    }
}

/// The mailbox's columns during a search, passed to the C callback as its context.
final class MailboxContext {
    let mailbox: IncumbentMailbox
    let columns: Int
    init(_ mailbox: IncumbentMailbox, columns: Int) { self.mailbox = mailbox; self.columns = columns }
}
