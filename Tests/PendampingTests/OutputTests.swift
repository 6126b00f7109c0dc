import Foundation
import Testing
@testable import Pendamping
import Parallel
import Tabular
import PendampingTestSupport

@Suite struct OutputTests {
    @Test func formulaCellsAreNeutralisedNumbersAreNot() {
        var w = CSVTableWriter(header: ["a", "b", "c"])
        w.appendRow([.text("=HYPERLINK(\"x\")"), .text("@SUM(A1)"), .number("-6.15")])
        w.appendRow([.text("+62 812"), .text("-x"), .text("plain, with comma")])
        #expect(w.text == "a,b,c\n\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),-6.15\n'+62 812,'-x,\"plain, with comma\"\n")
    }

    @Test func formatting() {
        // 1.005 is stored as 1.00499…, so it rounds down; exact halves round away from zero.
        #expect(formatFixed(1.005, 2) == "1.00" && formatFixed(0.125, 2) == "0.13" && formatFixed(-0.125, 2) == "-0.13")
        #expect(formatFixed(2.5, 0) == "3" && formatFixed(-2.5, 0) == "-3")
        #expect(formatFixed(-0.0001, 2) == "0.00" && formatFixed(-2.5, 1) == "-2.5" && formatFixed(12, 0) == "12")
        #expect(formatScore(1_000_000) == "1.000000" && formatScore(42) == "0.000042")
    }

    @Test func atomicWriteReplacesFilesAndCleansUp() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o").path
        try OutputDirectory.write([("a.txt", Data("1".utf8)), ("old.txt", Data("x".utf8))], to: out)
        try OutputDirectory.write([("a.txt", Data("2".utf8)), ("b.txt", Data("3".utf8))], to: out)
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "2")
        // Replaced as a whole: a file only the first run wrote is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [OutputDirectory.marker, "a.txt", "b.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["o"])
        // A target that is a file cannot be written into: nothing is left behind.
        let file = dir.appendingPathComponent("f").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        #expect(throws: (any Error).self) { try OutputDirectory.write([("a.txt", Data())], to: file) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["f", "o"])
    }

    /// Files handed to the sink from several threads, one of them in parts that arrive out of
    /// order, come out whole and in order; a producer that fails leaves the old directory.
    @Test func streamedWriteOrdersPartsAndFailsWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o").path
        let parts = (0..<40).map { Data("part \($0);".utf8) }
        let order = Array(parts.indices).shuffled()
        try OutputDirectory.write(to: out) { sink in
            let file = try sink.ordered("joined.txt", parts: parts.count)
            _ = try concurrentMap(order.count) { q in try file.put(order[q], parts[order[q]]) }
            try sink.write("sub/one.txt", Data("1".utf8), Data("2".utf8))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/joined.txt")) == parts.reduce(Data(), +))
        #expect(try String(contentsOfFile: out + "/sub/one.txt", encoding: .utf8) == "12")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try OutputDirectory.write(to: out) { sink in
                try sink.write("joined.txt", Data("new".utf8))
                throw Stop()
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/joined.txt")) == parts.reduce(Data(), +))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["o"])
    }
}

@Suite struct AlternatesTests {
    /// Alternates are candidates other than the chosen mentor, best first, and their reasons
    /// agree with the optimum: moving a mentee to a full mentor in place of its weakest mentee
    /// never raises the objective, nor does moving it to a mentor with room (no locks or rules).
    @Test func alternatesAreConsistentWithTheCandidatesAndTheOptimum() throws {
        var checked = 0
        for seed in 0..<20 {
            var d = randomDataset(seed: UInt64(seed) &+ 40, mentees: 150, mentors: 12, spreadDegrees: 0.2)
            // Some priorities: the changes are in objective weights, so they stay ≤ 0.
            for i in d.mentees.indices where i % 7 == 0 { d.mentees[i].priority = 2 }
            let r = try Matcher().run(d)
            let g = r.graph
            let index = d.menteeIndex(), mentorIndex = d.mentorIndex()
            let chosen = Dictionary(uniqueKeysWithValues: r.pairs.map { ($0.menteeID, ($0.mentorID, $0.score)) })
            var lastRank: [String: (Int, Int64)] = [:]
            for a in Alternate.compute(r) {
                let i = Int(index[a.menteeID]!), j = mentorIndex[a.mentorID]!
                let p = try #require(g.pairIndex(mentee: i, mentor: Int(j)))
                #expect(g.score[p] == a.score && chosen[a.menteeID]?.0 != a.mentorID)
                if let (rank, score) = lastRank[a.menteeID] { #expect(a.rank == rank + 1 && a.score <= score) } else { #expect(a.rank == 1) }
                lastRank[a.menteeID] = (a.rank, a.score)
                let full = Int(r.load[Int(j)]) >= d.mentors[Int(j)].capacity
                #expect((a.reason == .full) == full)
                if a.reason == .full { #expect(a.change! <= 0 && a.weakestScore != nil) }
                if a.reason == .lowerScore { #expect(a.change! <= 0) }
                checked += 1
            }
            // Every mentee lists min(3, candidates − chosen) alternates.
            for i in 0..<g.menteeCount {
                let expected = min(Alternate.perMentee, g.pairs(ofMentee: i).count - (chosen[d.mentees[i].id] == nil ? 0 : 1))
                #expect(lastRank[d.mentees[i].id]?.0 ?? 0 == expected)
            }
        }
        #expect(checked > 1_000)
    }
}

@Suite struct FairnessTests {
    /// The blocking pairs equal an independent check written from the definition with
    /// preference ranks; the worst score and 10th percentile match the sorted matched scores.
    @Test func blockingPairsMatchTheDefinition() throws {
        var found = 0
        for seed in 0..<30 {
            let d = randomDataset(seed: UInt64(seed) &+ 900, mentees: 60, mentors: 6, spreadDegrees: 0.15)
            let r = try Matcher().run(d)
            let f = Fairness(r)
            let g = r.graph
            // Ranks: a lower rank is preferred; ties share a rank.
            func rank(_ scores: [Int64], _ s: Int64) -> Int { scores.filter { $0 > s }.count }
            var cohort = [[Int64]](repeating: [], count: g.mentorCount)
            var mine = [Int64?](repeating: nil, count: g.menteeCount), mineMentor = [Int](repeating: -1, count: g.menteeCount)
            for p in r.pairs { cohort[Int(p.mentor)].append(p.score); mine[Int(p.mentee)] = p.score; mineMentor[Int(p.mentee)] = Int(p.mentor) }
            var expected = Set<String>()
            for i in 0..<g.menteeCount {
                let options = g.pairs(ofMentee: i).map { g.score[$0] }
                for p in g.pairs(ofMentee: i) where Int(g.mentor[p]) != mineMentor[i] {
                    let j = Int(g.mentor[p]), s = g.score[p]
                    let menteeWants = mine[i].map { rank(options, s) < rank(options, $0) } ?? true
                    let hasRoom = cohort[j].count < d.mentors[j].capacity
                    let mentorWants = hasRoom || cohort[j].contains { rank(cohort[j] + [s], s) < rank(cohort[j] + [s], $0) }
                    if menteeWants && mentorWants { expected.insert(d.mentees[i].id + ">" + d.mentors[j].id) }
                }
            }
            #expect(Set(f.blocking.map { $0.menteeID + ">" + $0.mentorID }) == expected, "seed \(seed)")
            found += expected.count
            let sorted = r.pairs.map(\.score).sorted()
            #expect(f.worstScore == sorted.first)
            if !sorted.isEmpty { #expect(sorted.filter { $0 < f.percentile10! }.count < max(1, Int((Double(sorted.count) * 0.1).rounded(.up)))) }
            #expect(f.coverageMin <= f.coverageMax)
        }
        #expect(found > 0, "the total-score optimum should have some blocking pairs on these instances")
    }
}
