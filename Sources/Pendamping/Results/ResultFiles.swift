import Foundation
import Parallel
import Tabular

/// Turns a ``MatchResult`` into the output files of a match run (docs/architecture.md): `pairs.csv`,
/// `unassigned.csv`, `mentors.csv`, `summary.json`, and with ``reportFiles(_:language:round:whatIf:)``
/// `map.geojson` and `report.html` (all byte-identical for the same inputs and options) and
/// `timings.json` (wall-clock per stage, the one file that varies run to run).
public enum ResultFiles {
    /// The files of a result that are the same bytes for the same inputs and options.
    public static let deterministicNames = ["pairs.csv", "unassigned.csv", "mentors.csv", "alternates.csv", "blocking.csv", "summary.json",
                                            "map.geojson", "report.html"]

    /// All files, by name; `rules.csv` only when programme rules are active. - Complexity: `O(n + m)`.
    public static func render(_ r: MatchResult) throws -> [(name: String, data: Data)] {
        try renderResults(r) + [timingsFile(r.timings)]
    }

    /// Every file but `timings.json`, so that a caller can time the rendering itself and add
    /// ``timingsFile(_:)`` last. - Complexity: `O(n + m)`.
    public static func renderResults(_ r: MatchResult) throws -> [(name: String, data: Data)] {
        let rendered = Rendered()
        let counts = try forEachResultFile(r) { name, part, data in rendered.add(name, part: part, data) }
        return resultNames.compactMap { name in counts[name].map { count in (name, rendered.joined(name, parts: count)) } }
    }

    /// Renders every file but `timings.json` and writes each to `sink` as it is rendered, on
    /// both cores, so the disk writes overlap the rendering and the files are never all in
    /// memory together. Returns `summary.json`'s bytes. - Complexity: `O(n + m)`.
    @discardableResult
    public static func writeResults(_ r: MatchResult, to sink: OutputSink) throws -> Data {
        let summary = Rendered()
        let files = Files(sink)
        try forEachResultFile(r, opening: { name, parts in try files.open(name, parts: parts) }) { name, part, data in
            try files[name].put(part, data)
            if name == "summary.json" { summary.add(name, data) }
        }
        return summary["summary.json"] ?? Data()
    }

    /// The result files in the order ``renderResults(_:)`` lists them.
    static let resultNames = ["pairs.csv", "unassigned.csv", "mentors.csv", "alternates.csv", "blocking.csv", "summary.json", "rules.csv"]

    /// The long lists are rendered in this many parts each (`alternates.csv` by mentee,
    /// `unassigned.csv` and `blocking.csv` by row), so no single buffer grows to a whole list.
    static let listParts = 8

    /// One piece of a result file: its name, its part number (0 is the header or the whole
    /// file) and how to render it.
    private struct Piece: Sendable {
        let name: String
        let part: Int
        let render: @Sendable () throws -> Data
    }

    /// Renders the result files, independent of one another, on both cores (the long lists'
    /// headers first, then their parts in order, then the other files), handing each piece to
    /// `deliver` in any order; `opening` is told each file's number of parts first. `rules.csv`
    /// only when programme rules are active. Returns the number of parts of each file.
    /// - Complexity: `O(n + m)`.
    @discardableResult
    static func forEachResultFile(_ r: MatchResult, opening: (String, Int) throws -> Void = { _, _ in },
                                  _ deliver: @Sendable (String, Int, Data) throws -> Void) throws -> [String: Int] {
        let fairness = r.fairnessFigures
        let context = Alternate.Context(r)
        let k = listParts
        /// Part `c` of `0..<count`.
        func slice(_ c: Int, of count: Int) -> Range<Int> { count * c / k..<count * (c + 1) / k }
        let n = r.graph.menteeCount, unassigned = r.unassigned.count, blocking = fairness.blocking.count
        var pieces: [Piece] = []
        /// Parts 1…k of a list of `count` rows, after its header (part 0).
        func list(_ name: String, _ count: Int, _ rows: @escaping @Sendable (Range<Int>) -> Data) {
            for c in 0..<k { let range = slice(c, of: count); pieces.append(Piece(name: name, part: c + 1) { rows(range) }) }
        }
        // The lists' headers first: a part is written once every part before it is, so a
        // header taken last would hold each whole list in memory until the end.
        pieces += [Piece(name: "alternates.csv", part: 0) { alternatesHeader },
                   Piece(name: "unassigned.csv", part: 0) { unassignedHeader(r) },
                   Piece(name: "blocking.csv", part: 0) { blockingHeader }]
        list("alternates.csv", n) { alternatesRows(context, mentees: $0) }
        list("unassigned.csv", unassigned) { unassignedRows(r, $0) }
        list("blocking.csv", blocking) { blockingRows(fairness, $0) }
        pieces += [Piece(name: "pairs.csv", part: 0) { pairsCSV(r) },
                   Piece(name: "mentors.csv", part: 0) { mentorsCSV(r) },
                   Piece(name: "summary.json", part: 0) { try json(ResultSummary(r, fairness: fairness)) }]
        if !r.rules.isEmpty { pieces.append(Piece(name: "rules.csv", part: 0) { rulesCSV(r) }) }
        var counts: [String: Int] = [:]
        for p in pieces { counts[p.name] = max(counts[p.name] ?? 0, p.part + 1) }
        for name in resultNames { if let count = counts[name] { try opening(name, count) } }
        let all = pieces
        _ = try concurrentMap(all.count) { q in try deliver(all[q].name, all[q].part, all[q].render()) }
        return counts
    }

    /// The files being written, by name.
    private final class Files: @unchecked Sendable {
        private let sink: OutputSink
        private var opened: [String: OutputSink.OrderedFile] = [:]
        init(_ sink: OutputSink) { self.sink = sink }
        /// Opens a file of `parts` parts (before any rendering starts).
        func open(_ name: String, parts: Int) throws { opened[name] = try sink.ordered(name, parts: parts) }
        /// The open file (read only once all are open).
        subscript(name: String) -> OutputSink.OrderedFile { opened[name]! }
    }

    /// Files (or parts of files, as `name#part`) rendered on several threads, by name.
    final class Rendered: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String: Data] = [:]
        subscript(name: String) -> Data? { lock.withLock { files[name] } }
        /// Stores a file.
        func add(_ name: String, _ data: Data) { lock.withLock { files[name] = data } }
        /// Stores part `part` of the file `name`.
        func add(_ name: String, part: Int, _ data: Data) { add(name + "#\(part)", data) }
        /// The file `name` from its parts `0..<parts`, joined in order.
        func joined(_ name: String, parts: Int) -> Data { (0..<parts).reduce(into: Data()) { $0.append(self[name + "#\($1)"]!) } }
    }

    /// `timings.json`: seconds per stage and in all (`bench` prints the peak memory per stage).
    /// - Complexity: `O(stages)`.
    public static func timingsFile(_ t: StageTimings) throws -> (name: String, data: Data) {
        ("timings.json", try json(Timings(t)))
    }

    /// `duplicates.csv`: each later listing of a business (dropped by `--dedupe`) with the
    /// listing kept and why. - Complexity: `O(duplicates)`.
    public static func duplicatesFile(_ duplicates: [DuplicateRecord]) -> (name: String, data: Data) {
        var w = CSVTableWriter(header: ["kept_kind", "kept_id", "dropped_kind", "dropped_id", "reason"])
        for d in duplicates {
            w.appendRow([.text(d.keptKind), .text(d.keptID), .text(d.droppedKind), .text(d.droppedID), .text(d.reason.rawValue)])
        }
        return ("duplicates.csv", w.data)
    }

    /// One row per rule row: bound, activity, slack and root LP dual.
    static func rulesCSV(_ r: MatchResult) -> Data {
        var w = CSVTableWriter(header: ["rule", "subject", "bound", "activity", "slack", "root_lp_dual"])
        for x in r.ruleReport {
            w.appendRow([.text(x.rule.rawValue), .text(x.subject), .number(formatFixed(x.bound, 2)), .number(formatFixed(x.activity, 2)),
                         .number(formatFixed(x.slack, 2)), .number(x.rootDual.map { formatFixed($0, 6) } ?? "")])
        }
        return w.data
    }

    /// Extra input columns, renamed `input_NAME` where they would clash with ours.
    static func extraHeader(_ names: [String], avoiding ours: [String]) -> [String] {
        names.map { ours.contains($0.lowercased()) ? "input_" + $0 : $0 }
    }

    /// `pairs.csv`, written cell by cell into one byte buffer. - Complexity: `O(pairs)`.
    static func pairsCSV(_ r: MatchResult) -> Data {
        // Co-mentoring adds the role each mentor fills and the needs its expertise covers.
        let co = r.profile.mentorsPerMentee > 1
        // Online mentoring adds each pair's mode (in_person or online).
        let online = r.scoring.onlinePossible
        let ours = ["mentee_id", "mentee_name", "mentor_id", "mentor_name", "score", "sector", "location",
                    "capacity", "culture", "distance_km", "decision", "location_source", "mentor_location_source"]
                   + (co ? ["role", "covered_needs"] : []) + (online ? ["mode"] : [])
        var w = CSVTableWriter(header: ours + extraHeader(r.dataset.menteeExtraColumns, avoiding: ours))
        for p in r.pairs {
            let a = r.dataset.mentees[Int(p.mentee)], b = r.dataset.mentors[Int(p.mentor)], s = p.breakdown
            w.text(a.id); w.text(a.name); w.text(b.id); w.text(b.name); w.score(p.score)
            w.fixed(s.sector, 4); w.fixed(s.location, 4); w.fixed(s.capacity, 4); w.fixed(s.culture, 4)
            w.fixed(s.distanceKm, 2); w.text(p.decision?.rawValue ?? "")
            w.text(a.locationSource.rawValue); w.text(b.locationSource.rawValue)
            if co { w.text(p.role?.rawValue ?? "general"); w.text(p.coveredNeeds.description) }
            if online { w.text(p.online ? "online" : "in_person") }
            for x in a.extra { w.text(x) }
            w.endRow()
        }
        return w.data
    }

    /// The header of `unassigned.csv` (one row per unassigned mentee follows). `O(columns)`.
    static func unassignedHeader(_ r: MatchResult) -> Data {
        let ours = ["mentee_id", "mentee_name", "region", "reason", "detail", "location_source"]
        return CSVTableWriter(header: ours + extraHeader(r.dataset.menteeExtraColumns, avoiding: ours)).data
    }

    /// The rows of `unassigned.csv` for `r.unassigned[range]`. - Complexity: `O(range)`.
    static func unassignedRows(_ r: MatchResult, _ range: Range<Int>) -> Data {
        var w = CSVTableWriter()
        for u in r.unassigned[range] {
            let a = r.dataset.mentees[Int(u.mentee)]
            w.text(a.id); w.text(a.name); w.text(a.region.text); w.text(u.reason.rawValue); w.text(u.detail)
            w.text(a.locationSource.rawValue)
            for x in a.extra { w.text(x) }
            w.endRow()
        }
        return w.data
    }

    /// `mentors.csv`. - Complexity: `O(m)`.
    static func mentorsCSV(_ r: MatchResult) -> Data {
        let ours = ["mentor_id", "mentor_name", "kind", "region", "capacity", "load", "free", "utilisation", "slot_gain", "location_source"]
        var w = CSVTableWriter(header: ours + extraHeader(r.dataset.mentorExtraColumns, avoiding: ours))
        for (j, b) in r.dataset.mentors.enumerated() {
            let load = Int(r.load[j])
            w.text(b.id); w.text(b.name); w.text(b.kind?.rawValue ?? ""); w.text(b.region.text)
            w.integer(b.capacity); w.integer(load); w.integer(b.capacity - load)
            w.fixed(Double(load) / Double(max(1, b.capacity)), 4); w.score(r.slotGain?[j])
            w.text(b.locationSource.rawValue)
            for x in b.extra { w.text(x) }
            w.endRow()
        }
        return w.data
    }

    static func json<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        var data = try e.encode(value)
        data.append(0x0A)
        return data
    }
}

/// Stage timings (`timings.json`).
struct Timings: Encodable {
    struct Stage: Encodable { var stage: String; var seconds: Double }
    var stages: [Stage]
    var totalSeconds: Double
    init(_ t: StageTimings) {
        stages = t.stages.map { Stage(stage: $0.name, seconds: rounded6($0.seconds)) }
        totalSeconds = rounded6(t.total)
    }
}
