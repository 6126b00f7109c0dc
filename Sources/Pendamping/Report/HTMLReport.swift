import Foundation
import Mustache
import Tabular

/// `report.html`: one self-contained page (inline CSS, script and SVG; no font, tile or any
/// other network request, enforced by its Content-Security-Policy) with the summary, the map,
/// the cohorts per mentor (printable one mentor per page), the unassigned with their reasons,
/// charts, search and filters, and curation controls whose choices survive a reload
/// (`localStorage`, keyed by a hash of the result) and download as a `decisions.csv` that
/// `pendamping round` reads unchanged. A round adds its changes; a what-if its scenarios.
///
/// Rendered from the Mustache template `Resources/report/report.mustache` (swift-mustache),
/// which HTML-escapes every value; the data the script needs travels as JSON in a
/// `<script type="application/json">` element with `<` written `\u003c` (``JSONWriter``), and the script puts
/// text into the page only through `textContent`. Deterministic bytes for the same input.
/// - Complexity: `O(n + m)`.
public enum HTMLReport {
    /// A round's changes, for the report of `pendamping round`.
    public struct RoundChanges: Sendable {
        /// One mentee's change, as the round's table shows it.
        public struct Row: Sendable {
            /// The change (``CurationRound/Change/Kind`` raw value).
            public var kind: String
            /// The mentee's id.
            public var mentee: String
            /// The previous mentor's id (empty for none).
            public var before: String
            /// This round's mentor's id (empty for none).
            public var after: String
            /// Why it changed, in words.
            public var reason: String
            /// A row from its cells.
            public init(kind: String, mentee: String, before: String, after: String, reason: String) {
                self.kind = kind; self.mentee = mentee; self.before = before; self.after = after; self.reason = reason
            }
        }
        /// The changes, in mentee order.
        public var rows: [Row]
        /// The section from its rows.
        public init(rows: [Row]) { self.rows = rows }
    }

    /// A what-if comparison, for the report of `pendamping whatif`.
    public struct WhatIfSection: Sendable {
        /// The comparison table's column titles.
        public var header: [String]
        /// One row of cells per scenario, as formatted for the page.
        public var rows: [[String]]
        /// Coverage (0–1) by total mentor capacity, with the current capacity and an optional target marked.
        public var curve: [(capacity: Int, coverage: Double)]
        /// The base dataset's total capacity, marked on the curve.
        public var currentCapacity: Int?
        /// A coverage target (0–1), marked on the curve.
        public var target: Double?
        /// Mentor id and the exact score gain of one more slot, best first.
        public var ranking: [(id: String, gain: Double)]
        /// A section from its table, curve and ranking.
        public init(header: [String], rows: [[String]], curve: [(capacity: Int, coverage: Double)], currentCapacity: Int? = nil,
                    target: Double? = nil, ranking: [(id: String, gain: Double)] = []) {
            self.header = header; self.rows = rows; self.curve = curve; self.currentCapacity = currentCapacity; self.target = target
            self.ranking = ranking
        }
    }

    /// The page's bytes. `regions` names kabupaten and kecamatan codes (nil: the bundled table).
    public static func render(_ input: ReportInput, language: Language = .id, subtitle: String,
                              round: RoundChanges? = nil, whatIf: WhatIfSection? = nil, regions: RegionDirectory? = nil) throws -> Data {
        let page = Page(input, language: language, subtitle: subtitle, round: round, whatIf: whatIf, regions: regions ?? .bundled)
        return page.join(frame: try page.frame(), data: try page.data())
    }

    /// The page as two jobs that may run on different threads: the data the script reads
    /// (``payload(_:words:regionNames:language:)``, most of a province's page) and the page
    /// around it (the template rendered in two halves, before and after the data's place), then
    /// joined. The template holds the data's place once, outside any section.
    struct Page: Sendable {
        let input: ReportInput
        let language: Language
        let subtitle: String
        let round: RoundChanges?
        let whatIf: WhatIfSection?
        let directory: RegionDirectory
        /// Names of the kabupaten, kecamatan and mentors' region codes the page shows.
        let regionNames: [String: String]
        let regionCodes: Set<String>

        /// Finds the region names. `O(n + m)`.
        init(_ input: ReportInput, language: Language, subtitle: String, round: RoundChanges?, whatIf: WhatIfSection?,
             regions: RegionDirectory) {
            self.input = input; self.language = language; self.subtitle = subtitle; self.round = round; self.whatIf = whatIf
            directory = regions
            var codes = Set(ReportFigures.groups(input, level: 3).map(\.code))
            for m in input.mentors { codes.insert(m.region) }
            var names: [String: String] = [:]
            for c in codes { if let code = RegionCode(c), let n = regions.name(of: code) { names[c] = n } }
            regionCodes = codes; regionNames = names
        }

        /// The data the page's script reads. `O(n + m)`.
        func data() throws -> String {
            try HTMLReport.payload(input, words: language.words, regionNames: regionNames, language: language)
        }

        /// The page before the data and after it. `O(n + m)`.
        func frame() throws -> (head: String, foot: String) {
            let words = language.words
            let map = ReportMap(input, words: words, regions: directory)
            let scores = input.mentees.indices.compactMap { input.mentees[$0].score }
            let matchedCount = input.mentees.indices.filter { input.mentees[$0].mentorID != nil }.count
            let capacity = input.mentors.reduce(0) { $0 + $1.capacity }, load = input.mentors.reduce(0) { $0 + $1.load }
            // Decimals the page's way: a comma in Indonesian (0,685; 100,0 %).
            func fixed(_ x: Double, _ digits: Int) -> String { formatFixed(x, digits, language) }
            let cards: [[String: Any]] = [
                ["label": words["matched"]!, "value": "\(matchedCount) / \(input.mentees.count)"],
                ["label": words["coverage"]!, "value": fixed(input.coverage * 100, 1) + " %"],
                ["label": words["meanScore"]!, "value": scores.isEmpty ? "–" : fixed(scores.reduce(0, +) / Double(scores.count), 3)],
                ["label": words["worstScore"]!, "value": scores.min().map { fixed($0, 3) } ?? "–"],
                ["label": words["capacityUse"]!, "value": "\(load) / \(capacity) (\(fixed(capacity == 0 ? 0 : Double(load) / Double(capacity) * 100, 1)) %)"],
                ["label": words["unassignedCount"]!, "value": "\(input.mentees.count - matchedCount)"],
            ] + objectiveCards(input, words)
            let reasons: [[String: Any]] = ReportFigures.unassignedByReason(input).map { ["label": words[$0.0] ?? $0.0, "count": $0.1] }
            let regionOptions: [[String: Any]] = regionCodes.filter { $0.split(separator: ".").count == 3 }.sorted()
                .map { code in ["code": code, "name": regionNames[code].map { "\($0) (\(code))" } ?? code] }
            var context: [String: Any] = [
                "lang": language.rawValue, "t": words, "subtitle": subtitle, "cards": cards, "reasons": reasons,
                "status": input.status, "objective": formatFixed(input.objective, 6),
                "map": map.context, "mapNote": words[(map.context["aggregated"] as? Bool) == true ? "mapNoteAggregated" : "mapNoteFull"]!,
                "mentorOptions": input.mentors.map { ["id": $0.id, "name": $0.name] },
                "regionOptions": regionOptions,
                "sectionOptions": Array(Set(input.mentees.indices.map { input.mentees[$0].section }.filter { !$0.isEmpty })).sorted(),
                "hist": histogram(input), "cov": coverageBars(input, directory),
                "css": try resource("report.css"), "js": try resource("report.js"),
            ]
            if let round { context["round"] = roundContext(round, words) }
            if let whatIf { context["whatif"] = whatIfContext(whatIf) }
            let text = try resource("report.mustache")
            guard let place = text.range(of: dataPlace) else { throw OutputError.invalid("the package's report template has no \(dataPlace)") }
            let head = try MustacheTemplate(string: String(text[..<place.lowerBound]))
            let foot = try MustacheTemplate(string: String(text[place.upperBound...]))
            return (head.render(context), foot.render(context))
        }

        /// The page's bytes from its frame and data. `O(bytes)`.
        func join(frame: (head: String, foot: String), data: String) -> Data {
            var out = Data(capacity: frame.head.utf8.count + data.utf8.count + frame.foot.utf8.count)
            out.append(contentsOf: frame.head.utf8); out.append(contentsOf: data.utf8); out.append(contentsOf: frame.foot.utf8)
            return out
        }
    }

    /// Where the template puts the page's data (written raw: the data is JSON whose `<` are
    /// escaped, ``JSONWriter``).
    static let dataPlace = "{{{payload}}}"

    /// Blocking pairs, and with another objective than total score its price against the score
    /// optimum (the price of stability for the stable objectives). `O(1)`.
    static func objectiveCards(_ input: ReportInput, _ words: [String: String]) -> [[String: Any]] {
        var cards: [[String: Any]] = []
        if let b = input.blockingPairs { cards.append(["label": words["blockingPairs"]!, "value": "\(b)"]) }
        if let c = input.comparison {
            let key = c.objective == .maxmin ? "priceMaxmin" : "priceStability"
            let optimum = formatFixed(Double(c.optimumTotal) / ScoringModel.integerScale, 3)
            cards.append(["label": words[key]!, "value": formatFixed(c.price * 100, 2) + " % (" + words["ofOptimum"]! + " " + optimum + ")"])
        }
        return cards
    }

    static func resource(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "report") else {
            throw OutputError.invalid("the package's report template \(name) is missing")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Unassigned mentees the page lists at most (the rest are counted; `unassigned.csv` has all).
    static let unassignedListed = 5_000

    /// Matched mentees the page carries at most, as whole cohorts of the first mentors: a
    /// province-sized page lists the other mentors with their load only (their cohorts are in
    /// `pairs.csv`), so that it opens in a browser within about two seconds.
    static let cohortRowsListed = 10_000

    /// How many of `input`'s mentors, from the first, have their cohorts carried: all of them,
    /// or as many whole cohorts as fit ``cohortRowsListed`` (at least one mentor). `O(m)`.
    static func mentorsWithRows(_ input: ReportInput) -> Int {
        var rows = 0
        for (j, m) in input.mentors.enumerated() {
            rows += m.load
            if rows > cohortRowsListed { return max(1, j) }
        }
        return input.mentors.count
    }

    /// The script's data as JSON text (``JSONWriter``): the words it shows, region codes and
    /// names, mentors `[id, name, kind, load, capacity, region, expertise]` and mentees `[id,
    /// name, region index, KBLI section, mentor index or -1, score, sector, location, capacity,
    /// culture, km, decision, reason, detail, needs, 1 when online]` (matched ones all, unassigned up to ``unassignedListed``), and
    /// the key its saved choices live under: SHA-256 of the records' text.
    /// - Complexity: `O(n + m)`.
    static func payload(_ input: ReportInput, words: [String: String], regionNames: [String: String],
                        language: Language = .en) throws -> String {
        let index = Dictionary(uniqueKeysWithValues: input.mentors.enumerated().map { ($1.id, $0) })
        var regionIndex: [String: Int] = [:], regions: [String] = []
        func region(_ code: String) -> Int {
            if let k = regionIndex[code] { return k }
            regionIndex[code] = regions.count; regions.append(code); return regions.count - 1
        }
        var records = JSONWriter(capacity: 120 * input.mentees.count + 80 * input.mentors.count)
        records.raw("\"mentors\":[")
        for (j, m) in input.mentors.enumerated() {
            if j > 0 { records.comma() }
            records.raw("["); records.string(m.id); records.comma(); records.string(m.name); records.comma(); records.string(m.kind)
            records.comma(); records.int(m.load); records.comma(); records.int(m.capacity); records.comma(); records.string(m.region)
            records.comma(); records.string(m.expertise.joined(separator: "|")); records.raw("]")
        }
        records.raw("],\"mentees\":[")
        var listed = 0, omitted = 0, firstRow = true
        let withRows = mentorsWithRows(input)
        // Decided by index before a mentee is copied: a province's page skips most of them.
        for k in input.mentees.indices {
            if input.mentees[k].mentorID == nil {
                if listed >= unassignedListed { omitted += 1; continue }
                listed += 1
            } else if let j = input.mentees[k].mentorID.flatMap({ index[$0] }), j >= withRows {
                continue
            }
            let e = input.mentees[k]
            if !firstRow { records.comma() }
            firstRow = false
            let t = e.terms ?? []
            records.raw("["); records.string(e.id); records.comma(); records.string(e.name); records.comma(); records.int(region(e.region))
            records.comma(); records.string(e.section); records.comma(); records.int(e.mentorID.flatMap { index[$0] } ?? -1)
            records.comma(); records.number(e.score, 4)
            for k in 0..<4 { records.comma(); records.number(t.count == 4 ? t[k] : nil, 3) }
            records.comma(); records.number(e.distanceKm, 1); records.comma(); records.string(e.decision)
            records.comma(); records.string(e.reason); records.comma(); records.string(e.detail.map { ExplanationText.say($0, language) })
            records.comma(); records.string(e.needs.joined(separator: "|"))
            if e.online { records.comma(); records.int(1) }   // online pairs only: a 16th element
            records.raw("]")
        }
        records.raw("]")
        let key = Digest.sha256Hex(records.bytes, bytes: 12)
        var w = JSONWriter(capacity: records.bytes.count + 8_192)
        w.raw("{\"key\":"); w.string(key); w.raw(",\"omitted\":"); w.int(omitted)
        // Only on a page whose cohorts were cut: the mentors, from the first, that have theirs.
        if withRows < input.mentors.count { w.raw(",\"cohortsListed\":"); w.int(withRows) }
        w.raw(",\"t\":{")
        for (k, word) in words.sorted(by: { $0.key < $1.key }).enumerated() {
            if k > 0 { w.comma() }
            w.string(word.key); w.raw(":"); w.string(word.value)
        }
        w.raw("},\"regions\":[")
        for (k, code) in regions.enumerated() { if k > 0 { w.comma() }; w.string(code) }
        w.raw("],\"regionNames\":{")
        for (k, name) in regionNames.sorted(by: { $0.key < $1.key }).enumerated() {
            if k > 0 { w.comma() }
            w.string(name.key); w.raw(":"); w.string(name.value)
        }
        w.raw("},")
        var bytes = w.bytes
        bytes += records.bytes
        bytes.append(0x7D)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func histogram(_ input: ReportInput) -> [String: Any] {
        let h = ReportFigures.scoreHistogram(input)
        let most = Double(max(1, h.max() ?? 1)), w = 400.0, top = 10.0, bottom = 180.0
        let bars: [[String: Any]] = h.enumerated().map { k, count in
            let bh = (bottom - top) * Double(count) / most
            return ["x": formatFixed(Double(k) * w / 10 + 2, 1), "y": formatFixed(bottom - bh, 1), "w": formatFixed(w / 10 - 4, 1),
                    "h": formatFixed(bh, 1), "count": count, "label": "\(formatFixed(Double(k) / 10, 1))–\(formatFixed(Double(k + 1) / 10, 1))"]
        }
        let ticks: [[String: Any]] = [0.0, 0.5, 1.0].map { (f: Double) -> [String: Any] in
            let x: Double = f * w - (f == 1 ? 20 : 0)
            return ["x": formatFixed(x, 0), "y": "196", "text": formatFixed(f, 1)]
        }
        return ["width": "400", "height": "200", "bars": bars, "ticks": ticks]
    }

    static func coverageBars(_ input: ReportInput, _ regions: RegionDirectory) -> [String: Any] {
        let all = ReportFigures.kabupatenCoverage(input, names: regions)
        let shown = all.sorted { $0.mentees != $1.mentees ? $0.mentees > $1.mentees : $0.code < $1.code }.prefix(25).sorted { $0.code < $1.code }
        let bars: [[String: Any]] = shown.enumerated().map { k, kab in
            let y = Double(k) * 22 + 4
            let name = kab.name.replacingOccurrences(of: "Administrasi ", with: "")
            return ["name": name.count > 34 ? String(name.prefix(33)) + "…" : name, "x": "230", "y": formatFixed(y, 0),
                    "w": formatFixed(max(1, 160 * kab.coverage), 1), "h": "16",
                    "ty": formatFixed(y + 13, 0), "lx": formatFixed(235 + 160 * kab.coverage, 1),
                    "label": "\(formatFixed(kab.coverage * 100, 1)) % (\(kab.matched)/\(kab.mentees))"]
        }
        return ["width": "480", "height": formatFixed(Double(max(1, shown.count)) * 22 + 8, 0), "bars": bars]
    }

    static func roundContext(_ r: RoundChanges, _ words: [String: String]) -> [String: Any] {
        let kinds = ["kept", "moved", "lost", "gained", "withdrawn"]
        var counts: [String: Int] = [:]
        for row in r.rows { counts[row.kind, default: 0] += 1 }
        return ["counts": kinds.map { ["kind": $0, "label": words[$0] ?? $0, "count": counts[$0] ?? 0] },
                "rows": r.rows.filter { $0.kind != "kept" }.map { ["kind": $0.kind, "label": words[$0.kind] ?? $0.kind, "mentee": $0.mentee,
                                                                   "before": $0.before, "after": $0.after, "reason": $0.reason] }]
    }

    static func whatIfContext(_ w: WhatIfSection) -> [String: Any] {
        var context: [String: Any] = ["header": w.header, "rows": w.rows.map { ["cells": $0] },
                                      "ranking": w.ranking.prefix(20).map { ["id": $0.id, "gain": formatFixed($0.gain, 6)] }]
        if w.curve.count >= 2 {
            // Axes scaled to the data: x over total capacity, y up to the highest coverage (or the target).
            let width = 480.0, height = 240.0, left = 40.0, bottom = 210.0, top = 12.0
            let maxX = Double(max(1, w.curve.map(\.capacity).max() ?? 1))
            let maxY = min(1, max(w.curve.map(\.coverage).max() ?? 0.01, w.target ?? 0) * 1.1)
            func x(_ v: Double) -> Double { left + (width - left - 10) * v / maxX }
            func y(_ v: Double) -> Double { bottom - (bottom - top) * v / max(maxY, 1e-9) }
            let points = w.curve.map { "\(formatFixed(x(Double($0.capacity)), 1)),\(formatFixed(y($0.coverage), 1))" }.joined(separator: " ")
            var marks: [[String: Any]] = [["cls": "axis", "x1": formatFixed(left, 0), "y1": formatFixed(bottom, 0), "x2": formatFixed(width - 10, 0),
                                          "y2": formatFixed(bottom, 0), "tx": "0", "ty": "0", "text": ""]]
            if let c = w.currentCapacity {
                let cx = x(Double(c))
                marks.append(["cls": "current", "x1": formatFixed(cx, 1), "y1": formatFixed(top, 0), "x2": formatFixed(cx, 1),
                              "y2": formatFixed(bottom, 0), "tx": formatFixed(cx + 4, 1), "ty": formatFixed(top + 10, 0), "text": "\(c)"])
            }
            if let t = w.target {
                marks.append(["cls": "target", "x1": formatFixed(left, 0), "y1": formatFixed(y(t), 1), "x2": formatFixed(width - 10, 0),
                              "y2": formatFixed(y(t), 1), "tx": formatFixed(width - 90, 0), "ty": formatFixed(y(t) - 3, 1),
                              "text": "target \(formatFixed(t * 100, 1)) %"])
            }
            var ticks: [[String: Any]] = []
            for f in [0.0, 0.5, 1.0] {
                ticks.append(["x": formatFixed(x(maxX * f) - (f == 1 ? 24 : 6), 0), "y": formatFixed(bottom + 16, 0), "text": String(Int(maxX * f))])
                ticks.append(["x": "0", "y": formatFixed(y(maxY * f) + 4, 0), "text": formatFixed(maxY * f * 100, 1) + "%"])
            }
            context["curve"] = ["width": formatFixed(width, 0), "height": formatFixed(height, 0), "points": points, "marks": marks, "ticks": ticks]
        }
        return context
    }
}
