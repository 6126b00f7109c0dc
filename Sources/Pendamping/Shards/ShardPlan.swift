/// How mentors and mentees are split into shards that can be matched separately with exactly
/// the answer of one run over everything.
///
/// Units are the connected components of the candidate graph (no pair joins two of them, so
/// each can be solved alone; hard rules such as `max_km` keep them local). With coverage
/// quotas, components that share a quota region are one unit (a quota couples them).
/// Units are keyed by the province (or kabupaten/kota) most of their mentees are in, and the
/// units of a key are packed, largest first, into shards of at most `maxMentees` mentees; a
/// unit above that is kept whole in a shard of its own and reported. Mentees without any
/// candidate and mentors without any pair join a shard of their key (they change no pair);
/// with quotas, such a mentee joins the shard of its quota region (it counts in the quota).
///
/// Why the shards are exact: a component holds every mentor any of its mentees has as a
/// candidate, so each mentee's k best mentors among the shard's mentors are its k best among
/// all; ids keep their relative order, so ties break the same way.
/// - Complexity: `O(n + m + pairs)` after the candidate graph, plus sorting the units.
public struct ShardPlan: Sendable {
    /// What a shard groups by.
    public enum Key: String, Sendable, CaseIterable {
        /// Group by province, or by kabupaten/kota.
        case province, kabupaten
        var level: Int { self == .province ? 1 : 2 }
    }

    /// One shard: a group of components small enough to match alone.
    public struct Shard: Sendable, Equatable {
        /// `shard-0001`, …, in key order.
        public var name: String
        /// The province or kabupaten/kota code the shard's units share.
        public var key: String
        /// Indices into the dataset's mentors, ascending.
        public var mentors: [Int32]
        /// Indices into the dataset's mentees, ascending.
        public var mentees: [Int32]
        /// Units (components, or quota-joined components) in the shard.
        public var units: Int
        /// The shard holds one unit larger than `maxMentees`, kept whole.
        public var oversized: Bool
    }

    /// The shards, in key order.
    public var shards: [Shard]

    /// Plans shards for `dataset` with the candidate graph `graph` (the one `match` builds).
    /// `quotaLevel` is the region level of coverage quotas (nil: none).
    public static func make(dataset: Dataset, graph: CandidateGraph, by key: Key, maxMentees: Int, quotaLevel: Int? = nil) -> ShardPlan {
        let components = Components(graph: graph)
        let count = components.count
        // Units: components, joined by shared quota regions.
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        if let level = quotaLevel {
            var firstOfRegion: [String: Int] = [:]
            for (i, e) in dataset.mentees.enumerated() where components.ofMentee[i] >= 0 {
                let region = (e.region.prefix(level) ?? e.region).text
                let c = Int(components.ofMentee[i])
                if let f = firstOfRegion[region] { let a = find(f), b = find(c); if a != b { parent[max(a, b)] = min(a, b) } } else { firstOfRegion[region] = c }
            }
        }
        var unitOf = [Int](repeating: -1, count: count), unitMentees: [[Int32]] = [], unitMentors: [[Int32]] = []
        for c in 0..<count {
            let r = find(c)
            if unitOf[r] < 0 { unitOf[r] = unitMentees.count; unitMentees.append([]); unitMentors.append([]) }
            unitOf[c] = unitOf[r]
            unitMentees[unitOf[c]] += components.mentees[c]
            unitMentors[unitOf[c]] += components.mentors[c]
        }
        func keyOf(_ region: RegionCode) -> String { (region.prefix(key.level) ?? region).text }
        // Each unit's key: the key most of its mentees have (ties: the lower code).
        var byKey: [String: [Int]] = [:]
        for u in unitMentees.indices {
            var votes: [String: Int] = [:]
            for i in unitMentees[u] { votes[keyOf(dataset.mentees[Int(i)].region), default: 0] += 1 }
            let best = votes.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            byKey[best, default: []].append(u)
        }
        // Shards per key: first fit, largest unit first.
        var shards: [Shard] = []
        var firstShardOfKey: [String: Int] = [:]
        for k in byKey.keys.sorted() {
            let units = byKey[k]!.sorted { unitMentees[$0].count != unitMentees[$1].count ? unitMentees[$0].count > unitMentees[$1].count : $0 < $1 }
            var open: [Int] = []   // shard indices of this key with room
            for u in units {
                let size = unitMentees[u].count
                if size > maxMentees {
                    shards.append(Shard(name: "", key: k, mentors: unitMentors[u], mentees: unitMentees[u], units: 1, oversized: true))
                    continue
                }
                if let s = open.first(where: { shards[$0].mentees.count + size <= maxMentees }) {
                    shards[s].mentees += unitMentees[u]; shards[s].mentors += unitMentors[u]; shards[s].units += 1
                } else {
                    open.append(shards.count)
                    shards.append(Shard(name: "", key: k, mentors: unitMentors[u], mentees: unitMentees[u], units: 1, oversized: false))
                }
            }
            firstShardOfKey[k] = shards.firstIndex { $0.key == k }
        }
        // Records in no component: to the first shard of their key (a new one if there is none).
        func home(_ region: RegionCode) -> Int {
            let k = keyOf(region)
            if let s = firstShardOfKey[k] { return s }
            shards.append(Shard(name: "", key: k, mentors: [], mentees: [], units: 0, oversized: false))
            firstShardOfKey[k] = shards.count - 1
            return shards.count - 1
        }
        // With quotas, a mentee without candidates still counts in its region's quota: it goes
        // to the shard that holds its region.
        var shardOfQuotaRegion: [String: Int] = [:]
        if let level = quotaLevel {
            for (k, s) in shards.enumerated() {
                for i in s.mentees { let r = dataset.mentees[Int(i)].region; shardOfQuotaRegion[(r.prefix(level) ?? r).text] = k }
            }
        }
        for (i, e) in dataset.mentees.enumerated() where components.ofMentee[i] < 0 {
            let quotaShard = quotaLevel.flatMap { shardOfQuotaRegion[(e.region.prefix($0) ?? e.region).text] }
            shards[quotaShard ?? home(e.region)].mentees.append(Int32(i))
        }
        for (j, m) in dataset.mentors.enumerated() where components.ofMentor[j] < 0 { shards[home(m.region)].mentors.append(Int32(j)) }
        shards.sort { $0.key != $1.key ? $0.key < $1.key : ($0.mentees.first ?? Int32.max) < ($1.mentees.first ?? Int32.max) }
        let width = max(4, String(shards.count).count)
        for s in shards.indices {
            shards[s].mentees.sort(); shards[s].mentors.sort()
            let n = String(s + 1)
            shards[s].name = "shard-" + String(repeating: "0", count: width - n.count) + n
        }
        return ShardPlan(shards: shards)
    }
}

extension ShardPlan {
    /// Plans shards for `dataset` under `profile`: builds the candidate graph `match` would
    /// build (scoring, hard rules, top k) and joins components that share a quota region when
    /// the profile sets coverage quotas. - Complexity: the candidate graph, then as above.
    public static func make(dataset: Dataset, profile: Profile, by key: Key, maxMentees: Int) throws -> ShardPlan {
        var timings = StageTimings()
        let graph = try Matcher(profile: profile).prepare(dataset, timings: &timings).graph
        let c = profile.constraints
        let quotas = c.quotaShare > 0 || c.quotaCount > 0
        return make(dataset: dataset, graph: graph, by: key, maxMentees: maxMentees, quotaLevel: quotas ? c.quotaLevel.codeLevel : nil)
    }
}
